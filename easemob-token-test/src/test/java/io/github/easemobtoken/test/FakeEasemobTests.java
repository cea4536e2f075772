package io.github.easemobtoken.test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fake Easemob over plain HTTP: the token API and its errors, the users API and its
 * 401, faults, and what it shows of secrets and tokens.
 */
class FakeEasemobTests {

	@RegisterExtension
	static final FakeEasemobExtension extension = new FakeEasemobExtension(
			(builder) -> builder.app("acme#im", "acme-id", "acme-secret-0001").app("acme#ms", "ms-id", "ms-secret-0002"));

	private final HttpClient http = HttpClient.newHttpClient();

	private HttpResponse<String> post(String path, String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(extension.fake().baseUrl() + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path, String token) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(extension.fake().baseUrl() + path))
			.header("Authorization", "Bearer " + token)
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static JsonNode json(HttpResponse<String> response) {
		return JsonMapper.shared().readTree(response.body());
	}

	private String token(String body) throws Exception {
		return json(post("/acme/im/token", body)).get("access_token").asString();
	}

	@Test
	void shouldIssueATokenAsTheApiPageDescribes() throws Exception {
		HttpResponse<String> response = post("/acme/im/token",
				"{\"grant_type\":\"client_credentials\",\"client_id\":\"acme-id\",\"client_secret\":\"acme-secret-0001\"}");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = json(response);
		assertThat(body.get("access_token").asString()).startsWith("YWMt").matches("[A-Za-z0-9_-]+");
		assertThat(body.get("expires_in").asLong()).isEqualTo(7200);
		assertThat(body.get("application").asString()).hasSize(36);
		assertThat(extension.fake().tokenRequests())
			.containsExactly(new FakeEasemob.TokenRequest("acme#im", "acme-id", null, 200));
	}

	@Test
	void shouldAnswerTtlInTheConfiguredUnitAndZeroAsNeverExpiring() throws Exception {
		String request = "{\"grant_type\":\"client_credentials\",\"client_id\":\"acme-id\","
				+ "\"client_secret\":\"acme-secret-0001\",\"ttl\":%d}";
		assertThat(json(post("/acme/im/token", request.formatted(60))).get("expires_in").asLong()).isEqualTo(60);
		assertThat(json(post("/acme/im/token", request.formatted(0))).get("expires_in").asLong()).isZero();
		try (FakeEasemob vip5 = FakeEasemob.builder().milliseconds().build()) {
			HttpResponse<String> response = this.http.send(HttpRequest
				.newBuilder(URI.create(vip5.baseUrl() + "/fake-org/fake-app/token"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"client_credentials\",\"client_id\":\""
						+ FakeEasemob.CLIENT_ID + "\",\"client_secret\":\"" + FakeEasemob.CLIENT_SECRET + "\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(json(response).get("expires_in").asLong()).isEqualTo(7_200_000);
			assertThat(vip5.properties()).containsEntry("easemob.ttl-unit", "milliseconds");
		}
	}

	@Test
	void shouldAnswerEasemobsErrors() throws Exception {
		HttpResponse<String> missing = post("/acme/im/token", "{\"grant_type\":\"client_credentials\",\"client_id\":\"acme-id\"}");
		assertThat(missing.statusCode()).isEqualTo(400);
		assertThat(json(missing).get("error").asString()).isEqualTo("illegal_argument");
		HttpResponse<String> wrong = post("/acme/im/token",
				"{\"grant_type\":\"client_credentials\",\"client_id\":\"acme-id\",\"client_secret\":\"nope\"}");
		assertThat(wrong.statusCode()).isEqualTo(400);
		assertThat(json(wrong).get("error").asString()).isEqualTo("invalid_grant");
		assertThat(json(wrong).get("error_description").asString()).isEqualTo("client_secret does not match");
		HttpResponse<String> unknown = post("/acme/nope/token", "{}");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(json(unknown).get("error").asString()).isEqualTo("organization_application_not_found");
		extension.fake().enqueueTokenFault(FakeEasemob.Fault.rateLimited().withRetryAfter(Duration.ofSeconds(30)));
		HttpResponse<String> limited = post("/acme/im/token", "{}");
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(json(limited).get("error").asString()).isEqualTo("reach_limit");
		assertThat(limited.headers().firstValue("Retry-After")).hasValue("30");
		assertThat(extension.fake().tokenRequestCount()).isEqualTo(4);
	}

	@Test
	void shouldServeUsersOnlyToAValidTokenOfTheirApp() throws Exception {
		String token = token(
				"{\"grant_type\":\"client_credentials\",\"client_id\":\"acme-id\",\"client_secret\":\"acme-secret-0001\"}");
		assertThat(get("/acme/im/users/alice", "unknown").statusCode()).isEqualTo(401);
		assertThat(get("/acme/ms/users/alice", token).statusCode()).as("another app's token").isEqualTo(401);
		assertThat(get("/acme/im/users/alice", token).statusCode()).isEqualTo(404);
		HttpResponse<String> created = this.http.send(HttpRequest.newBuilder(URI.create(extension.fake().baseUrl()
				+ "/acme/im/users"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.ofString("[{\"username\":\"alice\",\"password\":\"pw\"}]"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(created.statusCode()).isEqualTo(200);
		assertThat(json(created).get("entities").get(0).get("username").asString()).isEqualTo("alice");
		assertThat(json(created).get("action").asString()).isEqualTo("post");
		assertThat(json(get("/acme/im/users/alice", token)).get("entities").get(0).get("activated").asBoolean())
			.isTrue();
		assertThat(extension.fake().users("acme#im")).containsExactly("alice");
		extension.fake().revoke(token);
		assertThat(get("/acme/im/users/alice", token).statusCode()).isEqualTo(401);
		assertThat(extension.fake().apiRequests()).extracting(FakeEasemob.ApiRequest::status)
			.containsExactly(401, 401, 404, 200, 200, 401);
	}

	@Test
	void shouldExpireTokensAfterTheirLifetimeOnItsClock() throws Exception {
		java.util.concurrent.atomic.AtomicReference<java.time.Instant> now = new java.util.concurrent.atomic.AtomicReference<>(
				java.time.Instant.parse("2026-12-01T08:00:00Z"));
		try (FakeEasemob easemob = FakeEasemob.builder().clock(now::get).tokenLifetime(Duration.ofSeconds(30)).build()) {
			HttpResponse<String> issued = this.http.send(HttpRequest
				.newBuilder(URI.create(easemob.baseUrl() + "/fake-org/fake-app/token"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"client_credentials\",\"client_id\":\""
						+ FakeEasemob.CLIENT_ID + "\",\"client_secret\":\"" + FakeEasemob.CLIENT_SECRET + "\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
			String token = json(issued).get("access_token").asString();
			HttpRequest read = HttpRequest.newBuilder(URI.create(easemob.baseUrl() + "/fake-org/fake-app/users/alice"))
				.header("Authorization", "Bearer " + token)
				.build();
			now.set(now.get().plusSeconds(29));
			assertThat(this.http.send(read, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
			now.set(now.get().plusSeconds(1));
			assertThat(this.http.send(read, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
		}
	}

	@Test
	void shouldNeverShowTheSecretOrATokenWhole() throws Exception {
		String token = token(
				"{\"grant_type\":\"client_credentials\",\"client_id\":\"acme-id\",\"client_secret\":\"acme-secret-0001\"}");
		get("/acme/im/users/alice", token);
		String shown = extension.fake() + " " + extension.fake().apps() + " " + extension.fake().tokenRequests() + " "
				+ extension.fake().apiRequests();
		assertThat(shown).doesNotContain("acme-secret-0001").doesNotContain(token).contains("…" + token.substring(token.length() - 4));
	}


	private static final String ACME_IM = "{\"grant_type\":\"client_credentials\",\"client_id\":\"acme-id\","
			+ "\"client_secret\":\"%s\"}";

	@Test
	void shouldFailEveryTokenRequestUntilToldToStopAndAcceptASecondSecret() throws Exception {
		FakeEasemob fake = extension.fake();
		fake.failEveryTokenRequest(FakeEasemob.Fault.status(503, "service_unavailable", "down")
			.withRetryAfter(Duration.ofSeconds(7)));
		HttpResponse<String> down = post("/acme/im/token", ACME_IM.formatted("acme-secret-0001"));
		assertThat(down.statusCode()).isEqualTo(503);
		assertThat(down.headers().firstValue("Retry-After")).hasValue("7");
		assertThat(post("/acme/im/token", ACME_IM.formatted("acme-secret-0001")).statusCode()).isEqualTo(503);
		fake.stopFailingTokenRequests();
		assertThat(post("/acme/im/token", ACME_IM.formatted("acme-secret-0001")).statusCode()).isEqualTo(200);
		assertThat(post("/acme/im/token", ACME_IM.formatted("rotated-secret")).statusCode()).isEqualTo(400);
		fake.acceptSecret("acme#im", "rotated-secret");
		assertThat(post("/acme/im/token", ACME_IM.formatted("rotated-secret")).statusCode()).isEqualTo(200);
		assertThat(fake.tokenRequestCount("acme#im")).isEqualTo(5);
		assertThat(fake.tokenRequestCount("acme#ms")).isZero();
		assertThat(fake.tokenRequests()).as("what each was answered, the fault's status included")
			.extracting(FakeEasemob.TokenRequest::status)
			.containsExactly(503, 503, 200, 400, 200);
	}

	@Test
	void shouldServeUsersAddedBeforehandAndLogEveryHeader() throws Exception {
		FakeEasemob fake = extension.fake();
		fake.addUsers("acme#im", "alice");
		String token = token(ACME_IM.formatted("acme-secret-0001"));
		HttpResponse<String> alice = this.http.send(HttpRequest
			.newBuilder(URI.create(fake.baseUrl() + "/acme/im/users/alice"))
			.header("Authorization", "Bearer " + token)
			.header("X-Request-Id", "r-1")
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(alice.statusCode()).isEqualTo(200);
		assertThat(json(alice).get("entities").get(0).get("username").asString()).isEqualTo("alice");
		FakeEasemob.ApiRequest logged = fake.apiRequests().get(0);
		assertThat(logged.header("x-request-id")).isEqualTo("r-1");
		assertThat(logged.token()).isEqualTo(token);
		assertThat(logged.toString()).doesNotContain(token).doesNotContain("r-1");
		fake.failEveryApiRequest(FakeEasemob.Fault.status(401, "unauthorized", "revoked"));
		assertThat(get("/acme/im/users/alice", token).statusCode()).isEqualTo(401);
		fake.stopFailingApiRequests();
		assertThat(get("/acme/im/users/alice", token).statusCode()).isEqualTo(200);
	}

	@Test
	void shouldIssueTokensFromTheSupplierAndHonourRevocationsMadeBeforehand() throws Exception {
		int[] issued = { 0 };
		try (FakeEasemob fake = FakeEasemob.builder().tokens(() -> "YWMt-known-" + (++issued[0])).build()) {
			fake.addUsers(FakeEasemob.ORG_NAME + "#" + FakeEasemob.APP_NAME, "bob");
			fake.revoke("YWMt-known-1");
			fake.accept(FakeEasemob.ORG_NAME + "#" + FakeEasemob.APP_NAME, "my-own-provider-token");
			String request = "{\"grant_type\":\"client_credentials\",\"client_id\":\"" + FakeEasemob.CLIENT_ID
					+ "\",\"client_secret\":\"" + FakeEasemob.CLIENT_SECRET + "\"}";
			for (int i = 0; i < 2; i++) {
				this.http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/fake-org/fake-app/token"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(request))
					.build(), HttpResponse.BodyHandlers.ofString());
			}
			java.util.function.Function<String, Integer> bob = (token) -> {
				try {
					return this.http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/fake-org/fake-app/users/bob"))
						.header("Authorization", "Bearer " + token)
						.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			};
			assertThat(bob.apply("YWMt-known-1")).as("revoked before it was issued").isEqualTo(401);
			assertThat(bob.apply("YWMt-known-2")).isEqualTo(200);
			assertThat(bob.apply("my-own-provider-token")).isEqualTo(200);
			assertThat(issued[0]).isEqualTo(2);
		}
	}

}
