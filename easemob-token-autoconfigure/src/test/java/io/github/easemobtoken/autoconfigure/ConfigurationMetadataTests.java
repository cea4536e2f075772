package io.github.easemobtoken.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.easemobtoken.test.EasemobContexts;
import io.github.easemobtoken.token.TokenPolicy;
import io.github.easemobtoken.token.TtlUnit;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.util.StreamUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IDE metadata the configuration processor writes from the properties' Javadoc and
 * {@code additional-spring-configuration-metadata.json}: the documented keys, and hints whose
 * every value is one the starter accepts.
 */
class ConfigurationMetadataTests {

	/** Read with Spring Boot's own JSON parser: the same test runs on Jackson 3 (Boot 4) and Jackson 2 (Boot 3). */
	private static Map<String, Object> metadata() throws IOException {
		for (URL url : Collections.list(ConfigurationMetadataTests.class.getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream in = url.openStream()) {
				Map<String, Object> metadata = JsonParserFactory.getJsonParser()
					.parseMap(StreamUtils.copyToString(in, StandardCharsets.UTF_8));
				if (names(metadata, "groups").contains("easemob")) {
					return metadata;
				}
			}
		}
		throw new IllegalStateException("no metadata of the starter on the class path");
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> entries(Map<String, Object> metadata, String kind) {
		return (List<Map<String, Object>>) metadata.get(kind);
	}

	private static List<String> names(Map<String, Object> metadata, String kind) {
		return entries(metadata, kind).stream().map((entry) -> (String) entry.get("name")).toList();
	}

	private static List<String> hintValues(Map<String, Object> metadata, String name) {
		List<String> values = new ArrayList<>();
		for (Map<String, Object> hint : entries(metadata, "hints")) {
			if (hint.get("name").equals(name)) {
				entries(hint, "values").forEach((value) -> {
					assertThat((String) value.get("description")).as(name + " " + value).isNotBlank();
					values.add((String) value.get("value"));
				});
			}
		}
		return values;
	}

	@Test
	void shouldDocumentTheHealthKeyTheReadmeNames() throws IOException {
		List<String> names = names(metadata(), "properties");
		assertThat(names).contains("management.health.easemobtoken.enabled", "easemob.host", "easemob.ttl-unit",
				"easemob.token.store", "easemob.apps");
	}

	/** The properties' defaults are the ones the configuration processor documents; the policy's must agree. */
	@Test
	void shouldDocumentTheTokenPolicyDefaultsAsThePropertiesDefaults() throws IOException {
		EasemobProperties.Token token = new EasemobProperties().getToken();
		assertThat(token.getRefreshBeforeExpiry()).isEqualTo(TokenPolicy.DEFAULT_REFRESH_BEFORE_EXPIRY);
		assertThat(token.getMinRequestInterval()).isEqualTo(TokenPolicy.DEFAULT_MIN_REQUEST_INTERVAL);
		assertThat(token.getMaxBackoff()).isEqualTo(TokenPolicy.DEFAULT_MAX_BACKOFF);
		List<String> defaults = new ArrayList<>();
		for (Map<String, Object> property : entries(metadata(), "properties")) {
			String name = (String) property.get("name");
			if (name.matches("easemob\\.token\\.(refresh-before-expiry|min-request-interval|max-backoff)")) {
				defaults.add(name + "=" + property.get("defaultValue"));
			}
		}
		assertThat(defaults).containsExactlyInAnyOrder("easemob.token.refresh-before-expiry=5m",
				"easemob.token.min-request-interval=10s", "easemob.token.max-backoff=5m");
	}

	/**
	 * The flat keys get their defaults from {@link EasemobProperties}'s constructor (a named
	 * app's unset key must stay unset, so the shared shape has none); the IDE learns them
	 * from the additional metadata, which must say the same, every one of them.
	 */
	@Test
	void shouldDocumentEveryDefaultOfTheFlatKeysAsTheyAreSet() throws IOException {
		Map<String, String> documented = new LinkedHashMap<>();
		for (Map<String, Object> property : entries(metadata(), "properties")) {
			String name = (String) property.get("name");
			if (name.startsWith("easemob.") && !name.equals("easemob.enabled") && property.containsKey("defaultValue")) {
				documented.put(name, String.valueOf(property.get("defaultValue")));
			}
		}
		assertThat(documented).hasSize(13);
		EasemobAppProperties bound = new Binder(new MapConfigurationPropertySource(documented))
			.bind("easemob", Bindable.ofInstance(new EasemobAppProperties()))
			.get();
		assertThat(bound).usingRecursiveComparison()
			.ignoringFields("enabled", "apps")
			.isEqualTo(new EasemobProperties());
		EasemobAppProperties unset = new EasemobAppProperties();
		assertThat(unset.getHost()).isNull();
		assertThat(unset.getToken().getStore()).isNull();
	}

	@Test
	void shouldHintTheValuesOfTtlUnitAndTheStore() throws IOException {
		Map<String, Object> metadata = metadata();
		assertThat(hintValues(metadata, "easemob.ttl-unit")).containsExactly("seconds", "milliseconds")
			.hasSize(TtlUnit.values().length);
		assertThat(hintValues(metadata, "easemob.token.store")).containsExactly("memory", "redis")
			.hasSize(EasemobProperties.Store.values().length);
	}

	@Test
	void shouldHintEasemobRestHostsEachOfWhichTheStarterAccepts() throws IOException {
		List<String> hosts = hintValues(metadata(), "easemob.host");
		assertThat(hosts).hasSize(6).contains("a1.easemob.com", "a1-sgp.easemob.com");
		for (String host : hosts) {
			EasemobContexts.withWebClient(host).run((context) -> {
				assertThat(context).as(host).hasNotFailed();
				assertThat(context.getBean(EasemobAppsSettings.class).defaultApp().app().baseUri())
					.hasToString("https://" + host + "/easemob-demo/testapp");
			});
		}
	}

}
