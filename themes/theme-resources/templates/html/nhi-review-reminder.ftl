<#import "template.ftl" as layout>
<@layout.emailLayout>
<#-- every value below comes from the client or the user: auto-escaped, never markup -->
<p>${msg(overdue?then("nhiReminderOverdueIntro", "nhiReminderDueIntro"), clientId, realmName, reviewBy)}</p>
<table>
  <tr><td>${msg("nhiReminderClient")}</td><td>${clientId}</td></tr>
  <tr><td>${msg("nhiReminderPurpose")}</td><td>${purpose}</td></tr>
  <tr><td>${msg("nhiReminderReviewBy")}</td><td>${reviewBy}</td></tr>
  <tr><td>${msg("nhiReminderLastUsed")}</td><td>${lastUsed}</td></tr>
</table>
<p>${msg("nhiReminderAction")}</p>
<#if reviewUrl?has_content><p><a href="${reviewUrl}">${reviewUrl}</a></p></#if>
</@layout.emailLayout>
