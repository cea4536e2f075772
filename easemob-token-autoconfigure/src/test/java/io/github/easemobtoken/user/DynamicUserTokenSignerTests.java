package io.github.easemobtoken.user;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;

import io.github.easemobtoken.EasemobCredentials;
import io.github.easemobtoken.EasemobUserToken;
import io.github.easemobtoken.test.FakeEasemobExtension;
import io.github.easemobtoken.test.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The dynamic user token, step by step as the user-token page gives it, from the page's
 * {@code curTime} (1686207557) and {@code ttl} (600) and the test app's client ID and secret.
 * The expected values were computed apart from this code (Python's hashlib and base64).
 */
class DynamicUserTokenSignerTests {

	private static final long CUR_TIME = 1686207557L;

	private static final String SIGNED = TestApp.CLIENT_ID + TestApp.APP_KEY + "user1" + CUR_TIME + 600
			+ TestApp.CLIENT_SECRET;

	private static final String SIGNATURE = "8430dcc34bd167c88bb336ba50a1de52d5c340917bcb426f8f58efd76dbc7519";

	private static final String JSON = "{\"signature\":\"" + SIGNATURE + "\",\"appkey\":\"easemob-demo#testapp\","
			+ "\"userId\":\"user1\",\"curTime\":1686207557,\"ttl\":600}";

	private static final String TOKEN = "ZHQteyJzaWduYXR1cmUiOiI4NDMwZGNjMzRiZDE2N2M4OGJiMzM2YmE1MGExZGU1MmQ1YzM0MDkxN2"
			+ "JjYjQyNmY4ZjU4ZWZkNzZkYmM3NTE5IiwiYXBwa2V5IjoiZWFzZW1vYi1kZW1vI3Rlc3RhcHAiLCJ1c2VySWQiOiJ1c2VyMSIsImN1clRpbWUi"
			+ "OjE2ODYyMDc1NTcsInR0bCI6NjAwfQ==";

	@RegisterExtension
	static final FakeEasemobExtension easemob = TestApp.fake();

	private DynamicUserTokenSigner signer(Instant now) {
		return new DynamicUserTokenSigner(TestApp.app(easemob),
				new EasemobCredentials(TestApp.CLIENT_ID, TestApp.CLIENT_SECRET), InstantSource.fixed(now));
	}

	@Test
	void shouldSignThePagesTokenStepByStep() {
		// 1-3: curTime in epoch seconds, ttl in seconds, lower-case hex SHA-256 of the six concatenated
		assertThat(SIGNED).isEqualTo("YXA6i-Ak8Ol4Eei2l11ZjV-EAgeasemob-demo#testappuser11686207557600"
				+ "YXA6VunqiNxoB7IwXHInk1cGiXOOJfc");
		assertThat(DynamicUserTokenSigner.signature(TestApp.CLIENT_ID, TestApp.APP_KEY, "user1", CUR_TIME, 600,
				TestApp.CLIENT_SECRET)).isEqualTo(SIGNATURE).matches("[0-9a-f]{64}");
		EasemobUserToken token = signer(Instant.ofEpochSecond(CUR_TIME, 999_000_000)).sign("user1",
				Duration.ofSeconds(600));
		// 4-6: "dt-" and the JSON, in URL-safe Base64
		byte[] decoded = Base64.getUrlDecoder().decode(token.accessToken());
		assertThat(new String(decoded, StandardCharsets.UTF_8)).isEqualTo("dt-" + JSON);
		assertThat(token.accessToken()).isEqualTo(TOKEN).matches("[A-Za-z0-9_=-]+");
		assertThat(token.username()).isEqualTo("user1");
		assertThat(token.expiresAt()).contains(Instant.ofEpochSecond(CUR_TIME + 600));
		assertThat(token.userUuid()).isEmpty();
		assertThat(token.toString()).doesNotContain(TOKEN).contains("…").contains("user1");
	}

	@Test
	void shouldMakeATokenTheFakeEasemobAcceptsForThatUserUntilItExpires() {
		Instant now = Instant.now();
		String token = signer(now).sign("alice", Duration.ofMinutes(10)).accessToken();
		assertThat(easemob.fake().userOf(TestApp.APP_KEY, token)).contains("alice");
		String expired = signer(now.minus(Duration.ofMinutes(11))).sign("alice", Duration.ofMinutes(10))
			.accessToken();
		assertThat(easemob.fake().userOf(TestApp.APP_KEY, expired)).isEmpty();
		String otherSecret = new DynamicUserTokenSigner(TestApp.app(easemob),
				new EasemobCredentials(TestApp.CLIENT_ID, "another-secret"), InstantSource.fixed(now))
			.sign("alice", Duration.ofMinutes(10))
			.accessToken();
		assertThat(easemob.fake().userOf(TestApp.APP_KEY, otherSecret)).isEmpty();
		assertThat(easemob.fake().userOf("other-org#other-app", token)).isEmpty();
	}

	@Test
	void shouldRefuseATtlThatIsNotAPositiveNumberOfWholeSeconds() {
		DynamicUserTokenSigner signer = signer(Instant.now());
		assertThatIllegalArgumentException().isThrownBy(() -> signer.sign("alice", Duration.ZERO))
			.withMessageContaining("positive number of whole seconds");
		assertThatIllegalArgumentException().isThrownBy(() -> signer.sign("alice", Duration.ofMillis(1500)));
		assertThatIllegalArgumentException().isThrownBy(() -> signer.sign(" ", Duration.ofSeconds(60)))
			.withMessageContaining("needs a username");
	}

}
