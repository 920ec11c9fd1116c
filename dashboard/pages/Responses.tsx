export default function Responses() {
  return <p>Responses</p>
}
