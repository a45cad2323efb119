package dev.nhiguard.shared;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The console's finding filter offers exactly the codes the server knows: a new finding must show up there too. */
class FindingCodesInConsoleTest {

    @Test
    void theConsoleListsEveryFindingInTheSameOrder() throws IOException {
        String api = Files.readString(Path.of("admin-ui/src/api.ts"));
        Matcher list = Pattern.compile("export const FINDINGS = \\[(.*?)] as const", Pattern.DOTALL).matcher(api);
        if (!list.find()) {
            throw new AssertionError("admin-ui/src/api.ts has no FINDINGS list");
        }
        List<String> inConsole = Pattern.compile("\"([A-Z_]+)\"").matcher(list.group(1)).results().map(m -> m.group(1)).toList();
        assertEquals(Arrays.stream(Finding.values()).map(Enum::name).toList(), inConsole);
    }

    /** An owner acts on a finding from the console alone: each has a label and an explanation with the fix. */
    @Test
    void everyFindingHasALabelAndAnExplanationInTheConsoleBundle() throws IOException {
        java.util.Properties bundle = new java.util.Properties();
        try (java.io.Reader in = Files.newBufferedReader(Path.of("src/main/resources/theme/nhi-guard/admin/messages/messages_en.properties"))) {
            bundle.load(in);
        }
        for (Finding finding : Finding.values()) {
            String label = bundle.getProperty("nhiFinding_" + finding.name());
            String help = bundle.getProperty("nhiFindingHelp_" + finding.name());
            org.junit.jupiter.api.Assertions.assertNotNull(label, "label of " + finding);
            org.junit.jupiter.api.Assertions.assertNotNull(help, "explanation of " + finding);
            org.junit.jupiter.api.Assertions.assertFalse(label.contains("{") || help.contains("{"), finding + " texts take no placeholders");
            assertEquals(label, NhiMessages.findingLabel(finding));
        }
    }
}
