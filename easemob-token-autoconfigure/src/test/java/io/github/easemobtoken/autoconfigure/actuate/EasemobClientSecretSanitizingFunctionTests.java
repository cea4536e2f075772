package io.github.easemobtoken.autoconfigure.actuate;

import java.util.Map;

import io.github.easemobtoken.autoconfigure.EasemobTokenAutoConfiguration;
import io.github.easemobtoken.test.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link EasemobClientSecretSanitizingFunction} and when it is configured.
 */
class EasemobClientSecretSanitizingFunctionTests {

	private static final String SECRET = TestApp.CLIENT_SECRET;

	private final EasemobClientSecretSanitizingFunction function = new EasemobClientSecretSanitizingFunction(
			() -> SECRET);

	private Object sanitized(String key, Object value) {
		return this.function.apply(new SanitizableData(new MapPropertySource("test", Map.of(key, value)), key, value))
			.getValue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "easemob.client-secret", "easemob.clientSecret", "EASEMOB_CLIENTSECRET", "clientSecret",
			"easemob.client_secret", "easemob.apps.tenant-b.client-secret", "EASEMOB_APPS_TENANTB_CLIENTSECRET",
			"easemob.apps[tenant-b].clientSecret" })
	void shouldMaskTheSecretPropertyInAnySpelling(String key) {
		assertThat(sanitized(key, "anything")).isEqualTo(SanitizableData.SANITIZED_VALUE);
	}

	@Test
	void shouldMaskAnyValueHoldingTheConfiguredSecret() {
		assertThat(sanitized("EASEMOB_CLIENT_SECRET", SECRET)).isEqualTo(SanitizableData.SANITIZED_VALUE);
		assertThat(sanitized("my.copy", "secret=" + SECRET + ";")).isEqualTo(SanitizableData.SANITIZED_VALUE);
	}

	@Test
	void shouldMaskTheSecretOfEveryApp() {
		EasemobClientSecretSanitizingFunction apps = EasemobClientSecretSanitizingFunction
			.of(() -> java.util.Arrays.asList(null, "sg-secret-0000000002", "st-secret-0000000003"));
		assertThat(apps.apply(new SanitizableData(null, "TENANT_B_SECRET", "sg-secret-0000000002")).getValue())
			.isEqualTo(SanitizableData.SANITIZED_VALUE);
		assertThat(apps.apply(new SanitizableData(null, "x", "st-secret-0000000003!")).getValue())
			.isEqualTo(SanitizableData.SANITIZED_VALUE);
		assertThat(apps.apply(new SanitizableData(null, "easemob.apps.tenant-b.client-id", "sg-id")).getValue())
			.isEqualTo("sg-id");
	}

	@Test
	void shouldLeaveOtherPropertiesAlone() {
		assertThat(sanitized("easemob.client-id", TestApp.CLIENT_ID)).isEqualTo(TestApp.CLIENT_ID);
		assertThat(sanitized("easemob.host", "a1.easemob.com")).isEqualTo("a1.easemob.com");
	}

	@Test
	void shouldMatchAShortSecretOnlyExactly() {
		EasemobClientSecretSanitizingFunction shortSecret = new EasemobClientSecretSanitizingFunction(() -> "abc");
		assertThat(shortSecret.apply(new SanitizableData(null, "x", "abc")).getValue())
			.isEqualTo(SanitizableData.SANITIZED_VALUE);
		assertThat(shortSecret.apply(new SanitizableData(null, "x", "abcdef")).getValue()).isEqualTo("abcdef");
	}

	@Test
	void shouldBeConfiguredWithActuatorAndNotWithout() {
		ApplicationContextRunner contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(EasemobTokenAutoConfiguration.class,
					EasemobSecretSanitizingAutoConfiguration.class))
			.withPropertyValues("easemob.app-key=easemob-demo#testapp", "easemob.client-id=id",
					"easemob.client-secret=" + SECRET);
		contextRunner.run((context) -> assertThat(context).hasSingleBean(SanitizingFunction.class)
			.hasBean("easemobClientSecretSanitizingFunction"));
		contextRunner.withClassLoader(new FilteredClassLoader(SanitizingFunction.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("easemobClientSecretSanitizingFunction"));
	}

}
