export default function Customer({ id }: { id: string }) {
  return <p>{id}</p>
}
