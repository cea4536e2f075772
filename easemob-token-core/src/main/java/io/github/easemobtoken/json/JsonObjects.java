package io.github.easemobtoken.json;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * The JSON of the token API and of the fleet's stored values, read and written with whichever
 * Jackson the application has: Jackson 3 ({@code tools.jackson}, Spring Boot 4) or Jackson 2
 * ({@code com.fasterxml.jackson}, Spring Boot 3). Values are Java's own: {@code Map},
 * {@code List}, {@code String}, {@code Boolean}, {@code null}, and numbers as Jackson reads
 * them ({@code Integer}, {@code Long} or {@code BigInteger} for whole numbers, {@code Double}
 * otherwise). Both read one value and refuse anything after it.
 *
 * @author easemob-token
 */
public final class JsonObjects {

	private static final Codec codec = detect(JsonObjects.class.getClassLoader());

	private JsonObjects() {
	}

	/**
	 * Read one JSON value.
	 * @param json the text, UTF-8
	 * @return the value
	 * @throws IllegalArgumentException when the text is not one JSON value
	 */
	public static @Nullable Object read(byte[] json) {
		try {
			return codec.read(json);
		}
		catch (Exception ex) {
			throw new IllegalArgumentException("Not a JSON value", ex);
		}
	}

	/**
	 * Write a value as JSON.
	 * @param value a map, list, string, number, boolean or {@code null}
	 * @return the text, UTF-8
	 */
	public static byte[] write(@Nullable Object value) {
		try {
			return codec.write(value);
		}
		catch (Exception ex) {
			throw new IllegalArgumentException("Cannot be written as JSON: " + ((value != null) ? value.getClass().getName() : null), ex);
		}
	}

	/**
	 * A value as JSON text, for messages: a string in quotes, a number as it was sent.
	 * @param value the value
	 * @return its JSON text
	 */
	public static String show(@Nullable Object value) {
		return new String(write(value), java.nio.charset.StandardCharsets.UTF_8);
	}

	/**
	 * The object a JSON text holds.
	 * @param json the text, UTF-8
	 * @return its fields, or {@code null} when the text is not JSON or not an object
	 */
	public static @Nullable Map<?, ?> readObject(byte[] json) {
		try {
			return (read(json) instanceof Map<?, ?> object) ? object : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	static Codec detect(@Nullable ClassLoader classLoader) {
		if (ClassUtils.isPresent("tools.jackson.databind.json.JsonMapper", classLoader)) {
			return new Jackson3();
		}
		if (ClassUtils.isPresent("com.fasterxml.jackson.databind.ObjectMapper", classLoader)) {
			return new Jackson2();
		}
		throw new IllegalStateException("easemob-token reads JSON with Jackson, and there is none on the class path: "
				+ "add tools.jackson.core:jackson-databind (Spring Boot 4) or "
				+ "com.fasterxml.jackson.core:jackson-databind (Spring Boot 3)");
	}

	interface Codec {

		@Nullable Object read(byte[] json) throws Exception;

		byte[] write(@Nullable Object value) throws Exception;

	}

	/** Kept apart so that Jackson 3 classes load only when Jackson 3 is used. */
	private static final class Jackson3 implements Codec {

		private final tools.jackson.databind.json.JsonMapper mapper = tools.jackson.databind.json.JsonMapper.builder()
			.enable(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.build();

		@Override
		public @Nullable Object read(byte[] json) {
			return this.mapper.readValue(json, Object.class);
		}

		@Override
		public byte[] write(@Nullable Object value) {
			return this.mapper.writeValueAsBytes(value);
		}

	}

	/** Kept apart so that Jackson 2 classes load only when Jackson 2 is used. */
	private static final class Jackson2 implements Codec {

		private final com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper()
			.enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

		@Override
		public @Nullable Object read(byte[] json) throws java.io.IOException {
			return this.mapper.readValue(json, Object.class);
		}

		@Override
		public byte[] write(@Nullable Object value) throws java.io.IOException {
			return this.mapper.writeValueAsBytes(value);
		}

	}

}
