// The dashboard's entry: renders the app into #app.
import { render } from 'preact'
import { App } from './App'
import './styles.css'

render(<App />, document.getElementById('app')!)
