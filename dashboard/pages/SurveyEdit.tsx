export default function SurveyEdit({ id }: { id: string | null }) {
  return <p>{id}</p>
}
