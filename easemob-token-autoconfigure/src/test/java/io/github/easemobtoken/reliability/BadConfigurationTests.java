package io.github.easemobtoken.reliability;

import java.util.HashMap;
import java.util.Map;

import io.github.easemobtoken.autoconfigure.EasemobTokenAutoConfiguration;
import io.github.easemobtoken.test.EasemobStub;
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
	@CsvSource(delimiter = '|', textBlock = """
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
			""")
	void shouldStopStartupNamingTheKeyAndWhatItAccepts(String key, String value, String report, CapturedOutput output) {
		Map<String, Object> properties = new HashMap<>(Map.of("easemob.app-key", "easemob-demo#testapp",
				"easemob.client-id", EasemobStub.CLIENT_ID, "easemob.client-secret", EasemobStub.CLIENT_SECRET));
		properties.put(key, value);
		SpringApplication application = new SpringApplication(Application.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setDefaultProperties(properties);
		assertThatException().isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START").contains(report.replace("\\n", "\n"));
		assertThat(output.getAll()).doesNotContain(EasemobStub.CLIENT_SECRET);
		if (key.equals("easemob.ttl-unit")) {
			assertThat(output).contains("Failed to bind properties under 'easemob.ttl-unit'")
				.contains("The following values are valid:")
				.contains("MILLISECONDS")
				.contains("SECONDS");
		}
	}

}
