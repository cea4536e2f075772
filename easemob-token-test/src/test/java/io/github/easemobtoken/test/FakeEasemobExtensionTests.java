package io.github.easemobtoken.test;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The extension hands the fake's properties to Spring in the forms Spring takes, ahead of
 * the application's own configuration.
 */
class FakeEasemobExtensionTests {

	@RegisterExtension
	static final FakeEasemobExtension easemob = new FakeEasemobExtension();

	/** Created with the test instance, before any context: it reads the fake only when used. */
	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withPropertyValues("easemob.host=a1.easemob.com", "easemob.client-secret=${EASEMOB_CLIENT_SECRET}")
		.withInitializer(easemob.initializer());

	@Test
	void shouldPutTheFakesPropertiesAheadOfTheApplicationsOwn() {
		this.runner.run((context) -> {
			assertThat(context.getEnvironment().getProperty("easemob.host")).isEqualTo(easemob.fake().baseUrl());
			assertThat(context.getEnvironment().getProperty("easemob.client-secret")).isEqualTo(FakeEasemob.CLIENT_SECRET);
			assertThat(context.getEnvironment().getPropertySources().iterator().next().getName())
				.isEqualTo(FakeEasemob.PROPERTY_SOURCE);
		});
	}

	@Test
	void shouldGiveThePropertiesOfTheDefaultAppUnderItsDocumentedAppKey() {
		assertThat(FakeEasemob.APP_KEY).isEqualTo("fake-org#fake-app");
		Map<String, String> properties = easemob.properties();
		assertThat(properties).containsEntry("easemob.app-key", FakeEasemob.APP_KEY)
			.containsEntry("easemob.client-id", FakeEasemob.CLIENT_ID)
			.containsEntry("easemob.host", easemob.fake().baseUrl())
			.hasSize(4);
		assertThat(easemob.propertySource().getSource()).isEqualTo(properties);
		easemob.fake().addUsers(FakeEasemob.APP_KEY, "alice");
		assertThat(easemob.fake().users(FakeEasemob.APP_KEY)).containsExactly("alice");
	}

}
