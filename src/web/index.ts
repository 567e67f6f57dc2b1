export { createWebRoutes, WidgetNotBuiltError, type WebRoutesOptions } from "./routes.js";
export { buildWidget, widgetBuildNeeded, BUNDLES, DEFAULT_BUNDLE_DIR, WIDGET_GZIP_BUDGET, type BuildWidgetOptions, type BuiltFile } from "./build-widget.js";
export { chroniclePage, demoPage } from "./pages.js";
