// Vite's types for what the renderer imports besides code: the stylesheet (import './styles.css') and
// import.meta.env.
/// <reference types="vite/client" />
