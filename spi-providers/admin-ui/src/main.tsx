import "@patternfly/patternfly/patternfly-addons.css";
import "@patternfly/react-core/dist/styles/base.css";
import "@keycloak/keycloak-admin-ui/styles.css";

import { KeycloakProvider, type AdminEnvironment } from "@keycloak/keycloak-admin-ui";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createHashRouter, RouterProvider } from "react-router-dom";
import { i18n } from "./i18n";
import { Shell } from "./Shell";
import { allRoutes } from "./routes";

// Same JSON the stock keycloak.v2 index.ftl renders into <script id="environment">.
const environment = JSON.parse(
  document.getElementById("environment")!.textContent!,
) as AdminEnvironment;

await i18n(environment).init();

const router = createHashRouter([
  {
    path: "/",
    element: (
      <KeycloakProvider environment={environment}>
        <Shell />
      </KeycloakProvider>
    ),
    children: allRoutes,
  },
]);

createRoot(document.getElementById("app")!).render(
  <StrictMode>
    <RouterProvider router={router} />
  </StrictMode>,
);
