package io.github.easemobtoken.autoconfigure;

import java.util.List;
import java.util.stream.Stream;

import io.github.easemobtoken.test.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Startup failures for a wrong {@code easemob.*} configuration, and the report the
 * failure analyzer makes of them.
 */
@ExtendWith(OutputCaptureExtension.class)
class InvalidEasemobPropertiesFailureAnalyzerTests {

	private static final String CONSOLE = "from your app's Application Info page (应用详情) in the Easemob console";

	private static final List<String> VALID = List.of("easemob.org-name=easemob-demo", "easemob.app-name=testapp",
			"easemob.client-id=" + TestApp.CLIENT_ID, "easemob.client-secret=" + TestApp.CLIENT_SECRET);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EasemobTokenAutoConfiguration.class));

	private FailureAnalysis analysisOf(String... properties) {
		FailureAnalysis[] analysis = new FailureAnalysis[1];
		this.contextRunner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			analysis[0] = new InvalidEasemobPropertiesFailureAnalyzer().analyze(context.getStartupFailure());
		});
		assertThat(analysis[0]).as("analysis").isNotNull();
		assertThat(analysis[0].getDescription() + analysis[0].getAction()).doesNotContain(TestApp.CLIENT_SECRET);
		return analysis[0];
	}

	private static String[] validExcept(String key, String... more) {
		return Stream.concat(VALID.stream().filter((property) -> !property.startsWith(key + "=")), Stream.of(more))
			.toArray(String[]::new);
	}

	static Stream<Arguments> requiredKeys() {
		return Stream.of(Arguments.of("easemob.org-name", "'OrgName'"), Arguments.of("easemob.app-name", "'AppName'"),
				Arguments.of("easemob.client-id", "'Client ID'"), Arguments.of("easemob.client-secret", "'ClientSecret'"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("requiredKeys")
	void shouldNameEachMissingKeyAndWhereInTheConsoleItIs(String key, String consoleField) {
		FailureAnalysis analysis = analysisOf(validExcept(key));
		assertThat(analysis.getDescription()).isEqualTo("The Easemob configuration is not valid:\n\n    Property: " + key
				+ "\n    Problem:  is missing; set it to " + consoleField + " " + CONSOLE
				+ (key.endsWith("-name") ? ", or set easemob.app-key to the 'AppKey' (org#app)" : "") + "\n");
		assertThat(analysis.getAction()).contains("EASEMOB_CLIENTSECRET for easemob.client-secret")
			.contains("https://console.easemob.com")
			.contains("easemob.enabled=false");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("requiredKeys")
	void shouldTreatABlankValueAsMissing(String key, String consoleField) {
		assertThat(analysisOf(validExcept(key, key + "=  ")).getDescription())
			.contains("Property: " + key + "\n    Problem:  is missing; set it to " + consoleField);
	}

	@Test
	void shouldReportEveryMissingKeyAtOnce() {
		assertThat(analysisOf().getDescription()).contains("Property: easemob.org-name")
			.contains("Property: easemob.app-name")
			.contains("Property: easemob.client-id")
			.contains("Property: easemob.client-secret");
	}

	@Test
	void shouldNameTheAppKeyWhenItContradictsOrgAndAppName() {
		assertThat(analysisOf(validExcept("x", "easemob.app-key=easemob-demo#otherapp")).getDescription())
			.isEqualTo("The Easemob configuration is not valid:\n\n    Property: easemob.app-key\n    Problem:  "
					+ "'easemob-demo#otherapp' contradicts easemob.org-name 'easemob-demo' and easemob.app-name 'testapp'; "
					+ "set either easemob.app-key or easemob.org-name and easemob.app-name, or make them agree\n");
	}

	@Test
	void shouldNameTheAppKeyWhenItHasNoHash() {
		assertThat(analysisOf(validExcept("x", "easemob.app-key=easemob-demo-testapp")).getDescription())
			.contains("Property: easemob.app-key\n    Problem:  'easemob-demo-testapp' is not of the form org#app; "
					+ "copy 'AppKey' " + CONSOLE);
	}

	@Test
	void shouldKeepTheSecretOutOfTheFailure() {
		this.contextRunner.withPropertyValues(validExcept("x", "easemob.host=bad host")).run((context) -> {
			assertThat(context).hasFailed();
			assertThatException().isThrownBy(() -> {
				throw context.getStartupFailure();
			}).satisfies((ex) -> {
				for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
					assertThat(String.valueOf(cause.getMessage())).doesNotContain(TestApp.CLIENT_SECRET);
				}
			});
		});
	}

	@Test
	void shouldReportAtStartupThroughTheRegisteredAnalyzer(CapturedOutput output) {
		SpringApplication application = new SpringApplication(MinimalApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setDefaultProperties(java.util.Map.of("easemob.org-name", "easemob-demo", "easemob.app-name", "testapp",
				"easemob.client-id", TestApp.CLIENT_ID));
		assertThatException().isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("The Easemob configuration is not valid:")
			.contains("Property: easemob.client-secret")
			.contains("set easemob.enabled=false");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(EasemobTokenAutoConfiguration.class)
	static class MinimalApplication {

	}

}
