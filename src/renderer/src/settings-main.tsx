import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { SettingsApp } from './features/settings/settings-app'
import './i18n'
import { installApi } from './lib/install-api'
import './styles/app.css'

installApi()

const root = document.getElementById('root')
if (!root) throw new Error('#root missing from settings.html')
createRoot(root).render(
  <StrictMode>
    <SettingsApp />
  </StrictMode>,
)
