package dev.nhiguard.lifecycle;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExpirySettingsRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ExpirySettingsRequest.Result read(String body) throws Exception {
        return ExpirySettingsRequest.read(JSON.readTree(body), ExpirySettings.defaults());
    }

    @Test
    void keysLeftOutKeepTheirValues() throws Exception {
        ExpirySettings settings = read("{\"mode\":\"DISABLE\",\"ownerGraceDays\":0}").settings().orElseThrow();
        assertEquals(new ExpirySettings("disable", 90, 14, 0, 30, 24, 90, 14, 168, 30, 24, 64, 10, 100, 20), settings);
    }

    @Test
    void everyProblemIsNamedAtOnce() throws Exception {
        ExpirySettingsRequest.Result result = read("{\"mode\":\"purge\",\"unusedDays\":0,\"deleteAfterDays\":\"30\",\"sweepIntervalHours\":1.5,"
                + "\"reviewGraceDays\":99999999999,\"colour\":\"red\"}");
        assertTrue(result.settings().isEmpty());
        List<String> problems = result.problems();
        assertEquals(6, problems.size(), problems.toString());
        for (String named : List.of("mode", "unusedDays", "deleteAfterDays", "sweepIntervalHours", "reviewGraceDays", "colour")) {
            assertTrue(problems.stream().anyMatch(p -> p.startsWith(named)), named + " in " + problems);
        }
    }

    @Test
    void storedAttributesAreCheckedLikeTheBody() {
        assertEquals(List.of(), ExpirySettings.problems(Map.of("nhi.expiry.mode", "report", "nhi.expiry.unused-days", "30")::get));
        List<String> problems = ExpirySettings.problems(Map.of("nhi.expiry.mode", "delete-all", "nhi.expiry.unused-days", "ninety",
                "nhi.expiry.delete-after-days", "0")::get);
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("nhi.expiry.mode"), problems.toString());
    }
}
