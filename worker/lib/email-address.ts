// One normal form of an email address, and its keyed hash: suppression lists and erasure match
// people by the hash, so a suppression list holds no addresses (SPEC.md "Email channel").
import { hmacSha256Hex } from './crypto'

/**
 * Trimmed, Unicode NFC, lower case. Lower-casing the local part goes beyond RFC 5321 §2.4, but
 * every mailbox provider in use treats it case-blind, and a suppression that misses "Ann@" for
 * "ann@" would mail someone who said stop. Gmail's dots and +tags are left alone: they can be
 * distinct mailboxes elsewhere.
 */
export const normaliseEmail = (address: string) => address.trim().normalize('NFC').toLowerCase()

/** HMAC-SHA-256 (hex) of the normalised address under the project's link secret. */
export const emailHash = (projectSecret: string, address: string) =>
  hmacSha256Hex(projectSecret, `email:${normaliseEmail(address)}`)
