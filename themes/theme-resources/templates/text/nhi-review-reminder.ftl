<#ftl output_format="plainText">
${msg(overdue?then("nhiReminderOverdueIntro", "nhiReminderDueIntro"), clientId, realmName, reviewBy)}

${msg("nhiReminderClient")}: ${clientId}
${msg("nhiReminderPurpose")}: ${purpose}
${msg("nhiReminderReviewBy")}: ${reviewBy}
${msg("nhiReminderLastUsed")}: ${lastUsed}

${msg("nhiReminderAction")}
<#if reviewUrl?has_content>${reviewUrl}</#if>
