package io.github.easemobtoken.reliability;

import java.util.HashMap;
import java.util.Map;

import io.github.easemobtoken.autoconfigure.EasemobTokenAutoConfiguration;
import io.github.easemobtoken.test.TestApp;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Each invalid value stops startup with a report that names the key and the values it
 * accepts, as an application would print it.
 */
@ExtendWith(OutputCaptureExtension.class)
class BadConfigurationTests {

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(EasemobTokenAutoConfiguration.class)
	static class Application {

	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
			easemob.ttl                        | -5                     | Property: easemob.ttl\\n    Problem:  must be 0 (a token that never expires) or a positive duration such as 7d, was PT-5S
			easemob.ttl                        | 1500ms                 | Property: easemob.ttl\\n    Problem:  must be a whole number of seconds (easemob.ttl-unit), was PT1.5S
			easemob.ttl-unit                   | minutes                | easemob.ttl-unit
			easemob.host                       | a1 easemob.com         | Property: easemob.host\\n    Problem:  'a1 easemob.com' contains whitespace; use the 'Rest Api' host from your app's Application Info page (应用详情) in the Easemob console, such as a1.easemob.com, or a URL without a path, such as http://127.0.0.1:8080
			easemob.host                       | https://a1.easemob.com/easemob-demo/testapp | Property: easemob.host\\n    Problem:  'https://a1.easemob.com/easemob-demo/testapp' has a path; easemob.host takes only the host
			easemob.host                       | ftp://a1.easemob.com   | Property: easemob.host\\n    Problem:  'ftp://a1.easemob.com' is not a host or an http(s) URL; use the 'Rest Api' host
			easemob.app-key                    | easemob-demo-testapp   | Property: easemob.app-key\\n    Problem:  'easemob-demo-testapp' is not of the form org#app; copy 'AppKey'
			easemob.connect-timeout            | 0                      | Property: easemob.connect-timeout\\n    Problem:  must be a positive duration such as 10s, was PT0S
			easemob.response-timeout           | -1s                    | Property: easemob.response-timeout\\n    Problem:  must be a positive duration such as 10s, was PT-1S
			easemob.max-connections            | 0                      | Property: easemob.max-connections\\n    Problem:  must be at least 1, was 0
			easemob.token.min-request-interval | 0                      | Property: easemob.token.min-request-interval\\n    Problem:  must be a positive duration such as 10s, was PT0S
			easemob.token.max-backoff          | 1s                     | Property: easemob.token.max-backoff\\n    Problem:  must be at least easemob.token.min-request-interval (PT10S), was PT1S
			easemob.token.refresh-before-expiry | -1m                   | Property: easemob.token.refresh-before-expiry\\n    Problem:  must not be negative, was PT-1M
			easemob.client-secret              | ${EASEMOB_TEST_UNSET_SECRET} | Property: easemob.client-secret\\n    Problem:  contains the unresolved placeholder ${EASEMOB_TEST_UNSET_SECRET}: EASEMOB_TEST_UNSET_SECRET is not set; set the environment variable EASEMOB_TEST_UNSET_SECRET (or the property EASEMOB_TEST_UNSET_SECRET) before starting the application
			easemob.host                       | ${EASEMOB_TEST_UNSET_HOST} | Property: easemob.host\\n    Problem:  contains the unresolved placeholder ${EASEMOB_TEST_UNSET_HOST}: EASEMOB_TEST_UNSET_HOST is not set
			easemob.app-key                    | ${EASEMOB_TEST_UNSET_APP_KEY} | Property: easemob.app-key\\n    Problem:  contains the unresolved placeholder ${EASEMOB_TEST_UNSET_APP_KEY}
			easemob.app-key                    | easemob-demo#test{app} | Property: easemob.app-key\\n    Problem:  the app name 'test{app}' may contain only letters, digits, '-', '_', '.' and '~' (Easemob's names are letters, digits and '-'); copy it from your app's Application Info page
			easemob.app-key                    | 'easemob|demo#testapp' | Property: easemob.app-key\\n    Problem:  the organization name 'easemob
			easemob.app-key                    | easemob-demo#test^app  | Property: easemob.app-key\\n    Problem:  the app name 'test^app' may contain only letters
			easemob.app-key                    | easemob-demo#测试      | Property: easemob.app-key\\n    Problem:  the app name '测试' may contain only letters
			easemob.response-timeout           | 200000d                | Property: easemob.response-timeout\\n    Problem:  must be at most 10m, was PT4800000H
			easemob.connect-timeout            | 30d                    | Property: easemob.connect-timeout\\n    Problem:  must be at most 5m, was PT720H
			easemob.token.store-timeout        | 106751992d             | Property: easemob.token.store-timeout\\n    Problem:  must be at most 10m, was PT2562047808H
			easemob.token.max-backoff          | 106751992d             | Property: easemob.token.max-backoff\\n    Problem:  must be at most 1d, was PT2562047808H
			easemob.token.min-request-interval | 2d                     | Property: easemob.token.min-request-interval\\n    Problem:  must be at most 1d, was PT48H
			easemob.token.min-request-interval | 100us                  | Property: easemob.token.min-request-interval\\n    Problem:  must be at least 1ms (the floor is kept in whole milliseconds, and a floor of 0 would let failures be retried at once), was PT0.0001S
			easemob.token.refresh-before-expiry | 400d                  | Property: easemob.token.refresh-before-expiry\\n    Problem:  must be at most 365d, was PT9600H
			easemob.ttl                        | 106751992d             | Property: easemob.ttl\\n    Problem:  must be at most 36500d (100 years; 0 asks for a token that never expires), was PT2562047808H
			easemob.enabled                    | yes please             | Property: easemob.enabled\\n    Problem:  'yes please' is not a boolean; set true or false (on/off, yes/no and 1/0 are read as booleans too), or leave it out: the starter is enabled by default
			easemob.enabled                    | ture                   | Property: easemob.enabled\\n    Problem:  'ture' is not a boolean
			easemob.enabled                    | ''                     | Property: easemob.enabled\\n    Problem:  is empty; set true or false
			easemob.ttl                        | ${EASEMOB_TEST_UNSET_TTL} | Failed to bind properties under 'easemob.ttl'
			easemob.token.store                | rediss                 | Failed to bind properties under 'easemob.token.store'
			easemob.enabled                    | ${EASEMOB_TEST_UNSET_ENABLED} | Property: easemob.enabled\\n    Problem:
			""")
	void shouldStopStartupNamingTheKeyAndWhatItAccepts(String key, String value, String report, CapturedOutput output) {
		Map<String, Object> properties = new HashMap<>(Map.of("easemob.app-key", "easemob-demo#testapp",
				"easemob.client-id", TestApp.CLIENT_ID, "easemob.client-secret", TestApp.CLIENT_SECRET));
		properties.put(key, value);
		SpringApplication application = new SpringApplication(Application.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setDefaultProperties(properties);
		assertThatException().isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START").contains(report.replace("\\n", "\n"));
		assertThat(output.getAll()).doesNotContain(TestApp.CLIENT_SECRET);
		if (key.equals("easemob.ttl-unit")) {
			assertThat(output).contains("Failed to bind properties under 'easemob.ttl-unit'")
				.contains("The following values are valid:")
				.contains("MILLISECONDS")
				.contains("SECONDS");
		}
	}

}
