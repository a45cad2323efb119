<#ftl output_format="plainText">
${msg(expired?then("nhiSecretReminderExpiredIntro", "nhiSecretReminderExpiringIntro"), clientId, realmName, expires)}

${msg("nhiReminderClient")}: ${clientId}
${msg("nhiReminderPurpose")}: ${purpose}
${msg("nhiSecretReminderExpires")}: ${expires}
${msg("nhiReminderLastUsed")}: ${lastUsed}

${msg("nhiSecretReminderAction")}
<#if reviewUrl?has_content>${reviewUrl}</#if>
