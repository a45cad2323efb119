import type { AdminEnvironment } from "@keycloak/keycloak-admin-ui";
import { createInstance } from "i18next";
import FetchBackend from "i18next-fetch-backend";
import { initReactI18next } from "react-i18next";

type KeyValue = { key: string; value: string };

// Same source as the stock console: theme messages (base/admin + our theme's messages_*.properties).
export const i18n = (env: AdminEnvironment) =>
  createInstance({
    fallbackLng: "en",
    keySeparator: ".",
    interpolation: { escapeValue: false },
    backend: {
      loadPath: `${env.serverBaseUrl}/resources/${env.realm}/admin/{{lng}}`,
      parse: (data: string) =>
        Object.fromEntries(
          (JSON.parse(data) as KeyValue[]).map(({ key, value }) => [key, value]),
        ),
    },
  })
    .use(FetchBackend)
    .use(initReactI18next);
