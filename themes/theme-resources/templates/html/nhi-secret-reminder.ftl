<#import "template.ftl" as layout>
<@layout.emailLayout>
<#-- every value below comes from the client or the user: auto-escaped, never markup -->
<p>${msg(expired?then("nhiSecretReminderExpiredIntro", "nhiSecretReminderExpiringIntro"), clientId, realmName, expires)}</p>
<table>
  <tr><td>${msg("nhiReminderClient")}</td><td>${clientId}</td></tr>
  <tr><td>${msg("nhiReminderPurpose")}</td><td>${purpose}</td></tr>
  <tr><td>${msg("nhiSecretReminderExpires")}</td><td>${expires}</td></tr>
  <tr><td>${msg("nhiReminderLastUsed")}</td><td>${lastUsed}</td></tr>
</table>
<p>${msg("nhiSecretReminderAction")}</p>
<#if reviewUrl?has_content><p><a href="${reviewUrl}">${reviewUrl}</a></p></#if>
</@layout.emailLayout>
