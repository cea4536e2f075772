package io.github.easemobtoken.test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientObservationAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the shared tests need of Spring Boot that is named differently on its two lines: this
 * is the Spring Boot 4 line's. The Spring Boot 3 line's tests have a class of the same name
 * and members, so that the same test classes run on both.
 */
public final class BootLine {

	/** Boot's HTTP client settings and builders, for both stacks. */
	public static final Class<?>[] HTTP_CLIENTS = { HttpClientAutoConfiguration.class,
			ImperativeHttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class };

	/** Boot's {@code WebClient.Builder}, with its codecs. */
	public static final Class<?>[] WEB_CLIENT = { CodecsAutoConfiguration.class, WebClientAutoConfiguration.class };

	/** Boot's {@code RestClient.Builder}. */
	public static final Class<?>[] REST_CLIENT = { RestClientAutoConfiguration.class };

	/** Boot's Redis connection and templates. */
	public static final Class<?>[] REDIS = { DataRedisAutoConfiguration.class,
			DataRedisReactiveAutoConfiguration.class };

	/** Boot's meter registry, a simple one. */
	public static final Class<?>[] METRICS = { MetricsAutoConfiguration.class,
			SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class };

	/** Boot's observation registry. */
	public static final Class<?>[] OBSERVATION = { ObservationAutoConfiguration.class };

	/** Boot's {@code http.client.requests} observations of a {@code WebClient}. */
	public static final Class<?>[] WEB_CLIENT_OBSERVATION = { WebClientObservationAutoConfiguration.class };

	/** Boot's health contributors and their registry. */
	public static final Class<?>[] HEALTH = { HealthContributorAutoConfiguration.class,
			HealthContributorRegistryAutoConfiguration.class };

	/** The property that chooses the HTTP client of Boot's request factories ({@code jdk}, {@code jetty}, ...). */
	public static final String REQUEST_FACTORY_PROPERTY = "spring.http.clients.imperative.factory";

	/** The property that has Spring's codecs log request details, headers included. */
	public static final String LOG_REQUEST_DETAILS_PROPERTY = "spring.http.codecs.log-request-details";

	/** The application's own setting that its HTTP clients follow no redirect. */
	public static final String[] DONT_FOLLOW_REDIRECTS = { "spring.http.clients.redirects=dont-follow" };

	/** The type a class loader hides to take health support away. */
	public static final Class<?> HEALTH_INDICATOR = HealthIndicator.class;

	private BootLine() {
	}

	/**
	 * Groups of auto-configurations, as one array.
	 * @param groups the groups
	 * @return their classes, in order
	 */
	public static Class<?>[] of(Class<?>[]... groups) {
		return Arrays.stream(groups).flatMap(Stream::of).toArray(Class<?>[]::new);
	}

	/**
	 * The health contributor registered under a name.
	 * @param context the context
	 * @param name the name, such as {@code easemobToken}
	 * @return the contributor, or {@code null}
	 */
	public static Object registeredHealth(ApplicationContext context, String name) {
		return context.getBean(HealthContributorRegistry.class).getContributor(name);
	}

	/**
	 * Whether a contributor is a composite.
	 * @param contributor the contributor
	 * @return whether it is
	 */
	public static boolean isComposite(Object contributor) {
		return contributor instanceof CompositeHealthContributor;
	}

	/**
	 * A member of a composite contributor.
	 * @param composite the composite
	 * @param name the member's name
	 * @return the member, or {@code null}
	 */
	public static HealthContributor member(Object composite, String name) {
		return ((CompositeHealthContributor) composite).getContributor(name);
	}

	/**
	 * The names of a composite contributor's members, in order.
	 * @param composite the composite
	 * @return the names
	 */
	public static List<String> memberNames(Object composite) {
		return ((CompositeHealthContributor) composite).stream().map((entry) -> entry.name()).toList();
	}

	/**
	 * What an indicator reports now.
	 * @param indicator a health indicator
	 * @return its status and details
	 */
	public static Report health(Object indicator) {
		Health health = ((HealthIndicator) indicator).health();
		return new Report(health.getStatus().getCode(), health.getDetails());
	}

	/**
	 * A health report, the same on both lines.
	 *
	 * @param status the status code, such as {@code UP}
	 * @param details the details
	 */
	public record Report(String status, Map<String, Object> details) {

	}

	/** A user's {@code WebClientCustomizer} that adds the header {@code X-Customized: yes}. */
	@Configuration(proxyBeanMethods = false)
	public static class WebClientHeaderCustomizer {

		@Bean
		WebClientCustomizer customizedHeader() {
			return (builder) -> builder.defaultHeader("X-Customized", "yes");
		}

	}

	/** A user's {@code RestClientCustomizer} that adds the header {@code X-Customized: yes}. */
	@Configuration(proxyBeanMethods = false)
	public static class RestClientHeaderCustomizer {

		@Bean
		RestClientCustomizer customizedHeader() {
			return (builder) -> builder.defaultHeader("X-Customized", "yes");
		}

	}

}
