export default function Surveys() {
  return <p>Surveys</p>
}
