// The passkey helpers between WebAuthn JSON and navigator.credentials, with a stand-in browser
// API (happy-dom has none): base64url both ways, including the characters base64 spells otherwise.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createPasskey, getPasskey, passkeysSupported } from '../../../dashboard/lib/webauthn'

const bytesOf = (b: ArrayBuffer | ArrayBufferView | undefined) =>
  b instanceof ArrayBuffer ? [...new Uint8Array(b)] : b ? [...new Uint8Array(b.buffer)] : []
// 0xfb 0xff 0xbf is "-_-_" in base64url ("+/+/" in base64): the alphabet must be swapped.
const TRICKY = new Uint8Array([0xfb, 0xff, 0xbf, 0xfb, 0xff, 0xbf]).buffer

class FakeCredential {
  id = 'cred'
  rawId = TRICKY
  authenticatorAttachment = 'platform'
  constructor(readonly response: object) {}
  getClientExtensionResults() {
    return { credProps: { rk: true } }
  }
}
class FakeAttestation {
  clientDataJSON = new Uint8Array([1]).buffer
  attestationObject = new Uint8Array([2, 3]).buffer
  getTransports() {
    return ['internal', 'hybrid', 'made-up']
  }
}
class FakeAssertion {
  clientDataJSON = new Uint8Array([1]).buffer
  authenticatorData = new Uint8Array([4]).buffer
  signature = TRICKY
  userHandle = new TextEncoder().encode('usr_1').buffer
}

function stubBrowser(answer: object) {
  const seen: CredentialCreationOptions[] = []
  vi.stubGlobal('PublicKeyCredential', FakeCredential)
  vi.stubGlobal('AuthenticatorAttestationResponse', FakeAttestation)
  vi.stubGlobal('AuthenticatorAssertionResponse', FakeAssertion)
  const credentials = {
    create: async (o: CredentialCreationOptions) => (seen.push(o), answer),
    get: async (o: CredentialCreationOptions) => (seen.push(o), answer),
  }
  Object.defineProperty(navigator, 'credentials', { value: credentials, configurable: true })
  return seen
}

afterEach(() => {
  vi.unstubAllGlobals()
  Reflect.deleteProperty(navigator, 'credentials')
})

describe('passkey helpers', () => {
  it('says when the browser has no WebAuthn', () => {
    expect(passkeysSupported()).toBe(false)
    stubBrowser({})
    expect(passkeysSupported()).toBe(true)
  })

  it('turns creation options into bytes and the new passkey into JSON the server takes', async () => {
    const seen = stubBrowser(new FakeCredential(new FakeAttestation()))
    const made = await createPasskey({
      challenge: '-_-_-_-_',
      rp: { id: 'localhost', name: 'Kundepuls' },
      user: { id: 'dXNyXzE', name: 'a@example.com', displayName: 'A' },
      pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
      excludeCredentials: [{ id: 'AQI', type: 'public-key', transports: ['cable', 'usb'] }],
    })
    const o = seen[0].publicKey!
    expect(bytesOf(o.challenge)).toEqual([0xfb, 0xff, 0xbf, 0xfb, 0xff, 0xbf])
    expect(new TextDecoder().decode(new Uint8Array(bytesOf(o.user.id)))).toBe('usr_1')
    expect(bytesOf(o.excludeCredentials![0].id)).toEqual([1, 2])
    // A transport TypeScript's DOM types do not know is left out of the hint.
    expect(o.excludeCredentials![0].transports).toEqual(['usb'])
    expect(made).toEqual({
      id: 'cred',
      rawId: '-_-_-_-_',
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: { credProps: { rk: true } },
      response: {
        clientDataJSON: 'AQ',
        attestationObject: 'AgM',
        transports: ['internal', 'hybrid'],
      },
    })
  })

  it('asks for a passkey and returns the assertion as JSON, user handle included', async () => {
    stubBrowser(new FakeCredential(new FakeAssertion()))
    const got = await getPasskey({ challenge: 'AQ', rpId: 'localhost' })
    expect(got.response).toEqual({
      clientDataJSON: 'AQ',
      authenticatorData: 'BA',
      signature: '-_-_-_-_',
      userHandle: 'dXNyXzE',
    })
  })

  it('refuses an answer that is not a public-key credential', async () => {
    stubBrowser({ id: 'password' })
    await expect(getPasskey({ challenge: 'AQ' })).rejects.toThrow('No passkey')
  })
})
