package io.github.easemobtoken.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.easemobtoken.EasemobCredentials;
import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.EasemobSettingKeys;
import io.github.easemobtoken.EasemobUserToken;
import io.github.easemobtoken.EasemobUserTokens;
import io.github.easemobtoken.test.FakeEasemob;
import io.github.easemobtoken.token.CachingEasemobTokenProvider;
import io.github.easemobtoken.token.TtlUnit;
import io.github.easemobtoken.user.DefaultEasemobUserTokens;
import io.github.easemobtoken.user.DynamicUserTokenSigner;
import io.github.easemobtoken.user.LocalUserTokenLimiter;
import io.github.easemobtoken.user.UserTokenEndpoint;
import io.github.easemobtoken.user.UserTokenListener;
import io.github.easemobtoken.user.UserTokenSettings;
import io.micrometer.observation.ObservationRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;

/**
 * (i) User tokens. {@code dynamic()} against its floor, the SHA-256 of the same string; and
 * {@code issue()} on a cached app token against the fake Easemob, against its floor, the same
 * request sent on the same connector with nothing of ours around it (no single flight, limiter,
 * observation or JSON reading). Each {@code issue} is for a new username, so that none is
 * answered from another's request.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
@State(Scope.Benchmark)
public class UserTokenBenchmark {

	private static final EasemobCredentials CREDENTIALS = new EasemobCredentials("client-id", "client-secret");

	private FakeEasemob fake;

	private CachingEasemobTokenProvider appTokens;

	private EasemobUserTokens userTokens;

	private DynamicUserTokenSigner signer;

	private ClientHttpConnector connector;

	private Scheduler timer;

	private EasemobToken appToken;

	private long users;

	@Setup
	public void setUp() {
		this.fake = Fixtures.fakeEasemob(Duration.ZERO, Duration.ofHours(2));
		this.appTokens = Fixtures.provider(this.fake.baseUrl(), new io.github.easemobtoken.store.InMemoryTokenStore());
		this.appToken = this.appTokens.getToken().block(Duration.ofSeconds(10));
		this.timer = Schedulers.newParallel("user-token-benchmark", 2, true);
		this.connector = new ReactorClientHttpConnector();
		UserTokenSettings settings = new UserTokenSettings(true, null, TtlUnit.SECONDS, Duration.ofHours(1), 300,
				Duration.ofSeconds(10), EasemobSettingKeys.DEFAULT);
		// far above what the fake answers, so that the limiter never makes a caller wait here
		LocalUserTokenLimiter limiter = new LocalUserTokenLimiter(1_000_000, Duration.ofSeconds(10), this.timer);
		UserTokenEndpoint endpoint = new UserTokenEndpoint(this.connector, Fixtures.app(this.fake.baseUrl()),
				this.appTokens, settings, limiter, this.timer, InstantSource.system());
		this.signer = new DynamicUserTokenSigner(Fixtures.app(this.fake.baseUrl()), CREDENTIALS, InstantSource.system());
		this.userTokens = new DefaultEasemobUserTokens(Fixtures.ORG + "#" + Fixtures.APP, endpoint, this.signer,
				Duration.ofHours(1), UserTokenListener.NONE, ObservationRegistry.NOOP, this.timer);
		Fixtures.check(issue().username().startsWith("user-"), "no user token");
		Fixtures.check(rawRequest() == 200, "the raw request failed");
	}

	@TearDown
	public void tearDown() {
		this.appTokens.close();
		this.timer.dispose();
		this.fake.close();
	}

	@Benchmark
	public String sha256OfTheSignedString() throws Exception {
		String signed = "client-id" + Fixtures.ORG + "#" + Fixtures.APP + "user1" + (System.currentTimeMillis() / 1000)
				+ 600 + "client-secret";
		return java.util.HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(signed.getBytes(StandardCharsets.UTF_8)));
	}

	@Benchmark
	public EasemobUserToken dynamic() {
		return this.signer.sign("user1", Duration.ofSeconds(600));
	}

	@Benchmark
	public EasemobUserToken issue() {
		return this.userTokens.issue("user-" + (this.users++)).block(Duration.ofSeconds(10));
	}

	@Benchmark
	public int rawRequest() {
		byte[] body = ("{\"grant_type\":\"inherit\",\"username\":\"raw-" + (this.users++)
				+ "\",\"autoCreateUser\":true}").getBytes(StandardCharsets.UTF_8);
		return this.connector.connect(HttpMethod.POST, Fixtures.app(this.fake.baseUrl()).tokenUri(), (request) -> {
			HttpHeaders headers = request.getHeaders();
			headers.setContentType(MediaType.APPLICATION_JSON);
			headers.setAccept(List.of(MediaType.APPLICATION_JSON));
			headers.set(HttpHeaders.AUTHORIZATION, this.appToken.authorization());
			headers.setContentLength(body.length);
			return request.writeWith(Mono.fromSupplier(() -> request.bufferFactory().wrap(body)));
		})
			.flatMap((response) -> DataBufferUtils.join(response.getBody())
				.map((buffer) -> {
					DataBufferUtils.release(buffer);
					return response.getStatusCode().value();
				}))
			.block(Duration.ofSeconds(10));
	}

}
