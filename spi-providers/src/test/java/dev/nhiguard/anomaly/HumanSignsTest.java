package dev.nhiguard.anomaly;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** HUMAN_USE by user agent: one string per class people use, and the programs a machine identity runs as. */
class HumanSignsTest {

    @Test
    void everyClassOfPersonDrivenAgentIsRecognised() {
        Map<String, String> agents = Map.ofEntries(
                Map.entry("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36", "browser"),
                Map.entry("mozilla/5.0 (x11; linux x86_64) applewebkit/537.36 (khtml, like gecko) chrome/124.0 safari/537.36", "browser"),
                Map.entry("Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0", "browser"),
                Map.entry("Mozilla/5.0 (Windows NT 10.0; Trident/7.0; rv:11.0) like Gecko", "browser"),
                Map.entry("Opera/9.80 (Windows NT 6.1) Presto/2.12.388 Version/12.18", "browser"),
                Map.entry("Mozilla/5.0", "browser"),
                Map.entry("Lynx/2.9.0dev.12 libwww-FM/2.14 SSL-MM/1.4.1 OpenSSL/3.0.11", "text browser"),
                Map.entry("Links (2.29; Linux 6.1.0 x86_64; GNU C 12.2; text)", "text browser"),
                Map.entry("ELinks/0.13.2 (textmode; Linux; 80x24-2)", "text browser"),
                Map.entry("w3m/0.5.3+git20230121", "text browser"),
                Map.entry("Googlebot/2.1 (+http://www.google.com/bot.html)", "crawler"),
                Map.entry("DuckDuckBot/1.1; (+http://duckduckgo.com/duckduckbot.html)", "crawler"),
                Map.entry("PostmanRuntime/7.39.0", "API tool"),
                Map.entry("insomnia/2023.5.8", "API tool"),
                Map.entry("HTTPie/3.2.2", "API tool"),
                Map.entry("Thunder Client (https://www.thunderclient.com)", "API tool"));
        agents.forEach((agent, label) -> assertEquals(Optional.of(label), HumanSigns.personAgent(agent), agent));
    }

    @Test
    void programsAreNotPeople() {
        for (String agent : new String[] {"curl/8.5.0", "Wget/1.21.4", "python-requests/2.32.3", "Go-http-client/2.0", "Java-http-client/21.0.2",
                "okhttp/4.12.0", "axios/1.7.2", "node-fetch/1.0", "payments-bot/1.4 (settlements)", "Apache-HttpClient/5.3", "", "  "}) {
            assertEquals(Optional.empty(), HumanSigns.personAgent(agent), agent);
        }
        assertEquals(Optional.empty(), HumanSigns.personAgent(null));
    }

    @Test
    void aGrantThatInvolvesAPersonIsHumanUseWhateverTheAgent() {
        assertEquals(true, HumanSigns.interactiveGrant("password"));
        assertEquals(false, HumanSigns.interactiveGrant("client_credentials"));
    }
}
