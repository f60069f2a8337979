import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { ConsoleApp } from './console-app'
import './i18n'
import { installApi } from './lib/install-api'
import './styles/app.css'

installApi()

const root = document.getElementById('root')
if (!root) throw new Error('#root missing from index.html')
createRoot(root).render(
  <StrictMode>
    <ConsoleApp />
  </StrictMode>,
)
