export default function Customers() {
  return <p>Customers</p>
}
