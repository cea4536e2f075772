package io.github.easemobtoken.json;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.core.OverridingClassLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The same JSON, read and written the same way, on Jackson 3 and on Jackson 2; a clear error
 * with neither.
 */
class JsonObjectsTests {

	private static final String TOKEN_RESPONSE = "{\"access_token\":\"YWMt-1\",\"expires_in\":7200,"
			+ "\"application\":\"8be024f0\",\"big\":99999999999999999999999,\"ratio\":1.5,\"none\":null}";

	@ParameterizedTest
	@ValueSource(strings = { "tools.jackson", "com.fasterxml.jackson" })
	void shouldReadAndWriteTheSameOnBothJacksons(String jackson) throws Exception {
		JsonObjects.Codec codec = JsonObjects.detect(onlyJackson(jackson));
		assertThat(codec.getClass().getSimpleName()).isEqualTo(jackson.startsWith("tools") ? "Jackson3" : "Jackson2");
		Map<?, ?> read = (Map<?, ?>) codec.read(TOKEN_RESPONSE.getBytes(StandardCharsets.UTF_8));
		assertThat(read.get("access_token")).isEqualTo("YWMt-1");
		assertThat(read.get("expires_in")).isEqualTo(7200);
		assertThat(read.get("big")).isEqualTo(new BigInteger("99999999999999999999999"));
		assertThat(read.get("ratio")).isEqualTo(1.5);
		assertThat(read.containsKey("none")).isTrue();
		assertThat(read.get("none")).isNull();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("grant_type", "client_credentials");
		body.put("ttl", 3600L);
		body.put("application", null);
		body.put("list", List.of(1, "a"));
		assertThat(new String(codec.write(body), StandardCharsets.UTF_8))
			.isEqualTo("{\"grant_type\":\"client_credentials\",\"ttl\":3600,\"application\":null,\"list\":[1,\"a\"]}");
		for (String notOneValue : List.of("{\"a\":1} trailing", "{\"a\":", "nonsense")) {
			org.assertj.core.api.Assertions.assertThatException()
				.as(notOneValue)
				.isThrownBy(() -> codec.read(notOneValue.getBytes(StandardCharsets.UTF_8)));
		}
	}

	@Test
	void shouldSayWhatToAddWithoutJackson() {
		assertThatIllegalStateException().isThrownBy(() -> JsonObjects.detect(onlyJackson("none")))
			.withMessageContaining("tools.jackson.core:jackson-databind")
			.withMessageContaining("com.fasterxml.jackson.core:jackson-databind");
	}

	@Test
	void shouldShowValuesAsJsonAndRefuseWhatIsNotJson() {
		assertThat(JsonObjects.show("3600s")).isEqualTo("\"3600s\"");
		assertThat(JsonObjects.show(1.5)).isEqualTo("1.5");
		assertThat(JsonObjects.readObject("[1]".getBytes(StandardCharsets.UTF_8))).isNull();
		assertThat(JsonObjects.readObject("".getBytes(StandardCharsets.UTF_8))).isNull();
		assertThatIllegalArgumentException().isThrownBy(() -> JsonObjects.read("{".getBytes(StandardCharsets.UTF_8)));
	}

	/** A class loader that hides every Jackson but the one named ({@code none}: all of them). */
	private static ClassLoader onlyJackson(String jackson) {
		return new OverridingClassLoader(JsonObjectsTests.class.getClassLoader()) {

			@Override
			protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
				boolean hidden = (name.startsWith("tools.jackson.") || name.startsWith("com.fasterxml.jackson."))
						&& !name.startsWith(jackson + ".");
				if (hidden) {
					throw new ClassNotFoundException(name);
				}
				return super.loadClass(name, resolve);
			}

		};
	}

}
