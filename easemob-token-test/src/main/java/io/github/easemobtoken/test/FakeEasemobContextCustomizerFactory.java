package io.github.easemobtoken.test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Turns {@link AutoConfigureFakeEasemob} into a running {@link FakeEasemob} bean and the
 * {@code easemob.*} properties that point at it, before the context is refreshed.
 * Registered in {@code META-INF/spring.factories}.
 *
 * @author easemob-token
 */
class FakeEasemobContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		MergedAnnotation<AutoConfigureFakeEasemob> annotation = MergedAnnotations
			.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
			.get(AutoConfigureFakeEasemob.class);
		if (!annotation.isPresent()) {
			return null;
		}
		return new Customizer(List.of(annotation.getStringArray("apps")), annotation.getString("tokenLifetime"),
				annotation.getBoolean("milliseconds"));
	}

	/** Equal for equal annotations, so that Spring's test context cache can share contexts. */
	private static final class Customizer implements ContextCustomizer {

		private final List<String> apps;

		private final String tokenLifetime;

		private final boolean milliseconds;

		Customizer(List<String> apps, String tokenLifetime, boolean milliseconds) {
			this.apps = apps;
			this.tokenLifetime = tokenLifetime;
			this.milliseconds = milliseconds;
		}

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			FakeEasemob.Builder builder = FakeEasemob.builder().tokenLifetime(lifetime(this.tokenLifetime));
			for (int i = 0; i < this.apps.size(); i++) {
				String appKey = this.apps.get(i);
				String app = appKey.substring(appKey.indexOf('#') + 1);
				builder = (i == 0) ? builder.app(appKey, FakeEasemob.CLIENT_ID, FakeEasemob.CLIENT_SECRET)
						: builder.app(appKey, app + "-client-id", app + "-client-secret");
			}
			if (this.milliseconds) {
				builder = builder.milliseconds();
			}
			FakeEasemob easemob = builder.build();
			context.getBeanFactory().registerSingleton("fakeEasemob", easemob);
			context.addApplicationListener((ContextClosedEvent event) -> {
				if (event.getApplicationContext() == context) {
					easemob.close();
				}
			});
			easemob.initializer().initialize(context);
		}

		private static Duration lifetime(String value) {
			String text = value.strip().toLowerCase(Locale.ROOT);
			if (text.startsWith("p")) {
				return Duration.parse(value);
			}
			long amount = Long.parseLong(text.replaceAll("[a-z]+$", ""));
			String unit = text.replaceAll("^[0-9]+", "");
			return switch (unit) {
				case "ms" -> Duration.ofMillis(amount);
				case "s", "" -> Duration.ofSeconds(amount);
				case "m" -> Duration.ofMinutes(amount);
				case "h" -> Duration.ofHours(amount);
				case "d" -> Duration.ofDays(amount);
				default -> throw new IllegalArgumentException("@AutoConfigureFakeEasemob(tokenLifetime = \"" + value
						+ "\") is not a duration such as 30s, 2h or PT2H");
			};
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return other instanceof Customizer that && this.apps.equals(that.apps)
					&& this.tokenLifetime.equals(that.tokenLifetime) && this.milliseconds == that.milliseconds;
		}

		@Override
		public int hashCode() {
			return Objects.hash(this.apps, this.tokenLifetime, this.milliseconds);
		}

		@Override
		public String toString() {
			return "FakeEasemobContextCustomizer" + Arrays.asList(this.apps, this.tokenLifetime);
		}

	}

}
