package io.github.easemobtoken.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.easemobtoken.json.JsonObjects;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * A fake Easemob REST server in this JVM, on a free loopback port, for tests: no
 * credentials, no network.
 * <ul>
 * <li>{@code POST /{org}/{app}/token} as the API page describes it: it checks the JSON
 * body ({@code grant_type=client_credentials}, {@code client_id}, {@code client_secret},
 * optional {@code ttl}), answers {@code access_token}, {@code expires_in} (in seconds, or
 * milliseconds like the VIP 5 cluster) and {@code application}, {@code ttl=0} meaning a
 * token that never expires, and Easemob's errors: 400 {@code illegal_argument} (a missing
 * field), 400 {@code invalid_grant} (a wrong client ID or secret), 404
 * {@code organization_application_not_found};</li>
 * <li>the same endpoint's user tokens ({@code grant_type=inherit}, with the app's token):
 * {@code username}, {@code autoCreateUser}, {@code ttl}, and the errors of the user-token
 * page (a user not found, a {@link #deactivate deactivated} user, an illegal username, the
 * plan's {@link #limitUsers user limit}, 401 for a missing or wrong app token); and
 * {@link #userOf whose} a user token, issued or dynamic, is;</li>
 * <li>a users API, {@code POST /{org}/{app}/users}, {@code GET} and {@code DELETE
 * /{org}/{app}/users/{username}}, with Easemob's response envelope, that answers 401 to a
 * missing, unknown, expired or {@link #revoke revoked} token;</li>
 * <li>controls: the token lifetime, revoking tokens, queued {@link Fault faults} (a status
 * with Easemob's error body, {@code Retry-After}, a delay, a closed connection), and a log
 * of the requests received.</li>
 * </ul>
 * The client secret and the tokens are never logged whole, nor shown by any
 * {@code toString()}.
 *
 * <pre class="code">
 * try (FakeEasemob easemob = FakeEasemob.start()) {
 *     // point easemob.* at easemob.properties(), call, then
 *     assertThat(easemob.tokenRequestCount()).isEqualTo(1);
 * }
 * </pre>
 *
 * @author easemob-token
 */
public final class FakeEasemob implements AutoCloseable {

	/** The organization of the app {@link #start()} serves. */
	public static final String ORG_NAME = "fake-org";

	/** The name of the app {@link #start()} serves. */
	public static final String APP_NAME = "fake-app";

	/**
	 * The app key ({@code org#app}) of the app {@link #start()} serves, and of the first
	 * app of {@link AutoConfigureFakeEasemob} and {@link FakeEasemobExtension} unless told
	 * otherwise: what {@link #users(String)} and {@link #addUsers(String, String...)} take.
	 */
	public static final String APP_KEY = ORG_NAME + "#" + APP_NAME;

	/** The client ID of the app {@link #start()} serves. */
	public static final String CLIENT_ID = "YXA6fake-client-id";

	/** The client secret of the app {@link #start()} serves. */
	public static final String CLIENT_SECRET = "YXA6fake-client-secret";

	/** The name of {@link #propertySource()}. */
	public static final String PROPERTY_SOURCE = "fakeEasemob";

	private static final Log logger = LogFactory.getLog(FakeEasemob.class);

	private static final SecureRandom random = new SecureRandom();


	static {
		// The JDK's server sends the headers and the body of an answer in two packets; without
		// TCP_NODELAY the client's delayed ACK holds every keep-alive answer ~40 ms. Read once,
		// when the first server starts; a value the user set wins.
		if (System.getProperty("sun.net.httpserver.nodelay") == null) {
			System.setProperty("sun.net.httpserver.nodelay", "true");
		}
	}

	private final HttpServer server;

	private final ExecutorService executor;

	private final Map<String, FakeApp> apps = new LinkedHashMap<>();

	private final Map<String, Issued> tokens = new ConcurrentHashMap<>();

	private final Set<String> revoked = ConcurrentHashMap.newKeySet();

	private final Set<String> rotatedSecrets = ConcurrentHashMap.newKeySet();

	private final Map<String, Map<String, JsonObject>> users = new ConcurrentHashMap<>();

	private final Map<String, UserTokenIssued> userTokens = new ConcurrentHashMap<>();

	private final Set<String> deactivated = ConcurrentHashMap.newKeySet();

	private final Deque<Fault> userTokenFaults = new ConcurrentLinkedDeque<>();

	private final Queue<UserTokenRequest> userTokenRequests = new ConcurrentLinkedQueue<>();

	private volatile int userLimit = Integer.MAX_VALUE;

	private final Deque<Fault> tokenFaults = new ConcurrentLinkedDeque<>();

	private final Deque<Fault> apiFaults = new ConcurrentLinkedDeque<>();

	// queues, not copy-on-write lists: a load test logs hundreds of thousands of requests
	private final Queue<TokenRequest> tokenRequests = new ConcurrentLinkedQueue<>();

	private final Queue<ApiRequest> apiRequests = new ConcurrentLinkedQueue<>();

	private final Supplier<String> tokenSource;

	private final boolean milliseconds;

	private final InstantSource clock;

	private final Duration initialTokenLifetime;

	private volatile Duration tokenLifetime;

	private volatile Duration tokenDelay = Duration.ZERO;

	private volatile Duration apiDelay = Duration.ZERO;

	private volatile @Nullable Fault everyTokenRequestFault;

	private volatile @Nullable Fault everyApiRequestFault;

	private FakeEasemob(Builder builder) throws IOException {
		builder.apps.forEach((app) -> this.apps.put(app.orgName() + "/" + app.appName(), app));
		this.tokenLifetime = builder.tokenLifetime;
		this.initialTokenLifetime = builder.tokenLifetime;
		this.milliseconds = builder.milliseconds;
		this.clock = builder.clock;
		this.tokenSource = (builder.tokens != null) ? builder.tokens
				: () -> "YWMt" + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(45));
		this.executor = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "fake-easemob");
			thread.setDaemon(true);
			return thread;
		});
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/**
	 * Start a fake serving one app: {@value #ORG_NAME}#{@value #APP_NAME} with
	 * {@value #CLIENT_ID}, tokens that live two hours, {@code expires_in} in seconds.
	 * @return the running fake
	 */
	public static FakeEasemob start() {
		return builder().build();
	}

	/**
	 * Start building a fake.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The base URL, {@code http://127.0.0.1:<port>}, for {@code easemob.host}.
	 * @return the URL
	 */
	public String baseUrl() {
		return "http://" + this.server.getAddress().getAddress().getHostAddress() + ":"
				+ this.server.getAddress().getPort();
	}

	/**
	 * The apps it serves, in the order they were added.
	 * @return the apps
	 */
	public List<FakeApp> apps() {
		return List.copyOf(this.apps.values());
	}

	/**
	 * The {@code easemob.*} properties that point the starter at this fake: the first app
	 * as the app {@code default}, every further app as {@code easemob.apps.<its app name>}.
	 * @return the properties
	 */
	public Map<String, String> properties() {
		Map<String, String> properties = new LinkedHashMap<>();
		List<FakeApp> all = apps();
		for (int i = 0; i < all.size(); i++) {
			FakeApp app = all.get(i);
			String prefix = (i == 0) ? "easemob." : "easemob.apps." + app.appName() + ".";
			properties.put(prefix + "host", baseUrl());
			properties.put(prefix + "app-key", app.appKey());
			properties.put(prefix + "client-id", app.clientId());
			properties.put(prefix + "client-secret", app.clientSecret());
			if (this.milliseconds) {
				properties.put(prefix + "ttl-unit", "milliseconds");
			}
		}
		return properties;
	}

	/**
	 * The {@link #properties()} as a property source named {@code fakeEasemob}, to put
	 * first among an environment's sources so that they win over the application's own
	 * {@code application.yml}, whatever its placeholders.
	 * @return the property source
	 */
	public MapPropertySource propertySource() {
		return new MapPropertySource(PROPERTY_SOURCE, new LinkedHashMap<>(properties()));
	}

	/**
	 * An initializer that points a Spring application at this fake: it adds the
	 * {@link #propertySource()} first, after the application's own configuration has been
	 * read, so that it wins over it. For {@code SpringApplicationBuilder.initializers(…)}
	 * and {@code ApplicationContextRunner.withInitializer(…)}.
	 * @return the initializer
	 */
	public ApplicationContextInitializer<ConfigurableApplicationContext> initializer() {
		return (context) -> context.getEnvironment().getPropertySources().addFirst(propertySource());
	}

	/**
	 * How long the tokens issued from now on live, when a request has no {@code ttl}.
	 * @param lifetime the lifetime; zero for tokens that never expire
	 */
	public void tokenLifetime(Duration lifetime) {
		this.tokenLifetime = lifetime;
	}

	/**
	 * Make the users API answer 401 to a token from now on, as Easemob may before the
	 * token's {@code expires_in}; a token not issued yet is refused once it is (for tests
	 * that {@linkplain Builder#tokens know the tokens} in advance).
	 * @param accessToken the token
	 */
	public void revoke(String accessToken) {
		this.revoked.add(accessToken);
	}

	/** Revoke every token issued so far. */
	public void revokeAll() {
		this.revoked.addAll(this.tokens.keySet());
	}

	/**
	 * Make every token answer, from now on, take {@code delay} (a slow Easemob, where a
	 * queued {@link Fault#slow slow fault} slows one answer).
	 * @param delay the delay; zero for none
	 */
	public void tokenDelay(Duration delay) {
		this.tokenDelay = delay;
	}

	/**
	 * Make every users API answer, from now on, take {@code delay}.
	 * @param delay the delay; zero for none
	 */
	public void apiDelay(Duration delay) {
		this.apiDelay = delay;
	}

	/**
	 * Answer every token request with {@code fault}, from now on, until
	 * {@link #stopFailingTokenRequests()} or {@link #reset()}: an Easemob outage. Queued
	 * faults come first.
	 * @param fault the fault
	 */
	public void failEveryTokenRequest(Fault fault) {
		this.everyTokenRequestFault = fault;
	}

	/** Issue tokens again after {@link #failEveryTokenRequest(Fault)}. */
	public void stopFailingTokenRequests() {
		this.everyTokenRequestFault = null;
	}

	/**
	 * Answer every users API request with {@code fault}, from now on, until
	 * {@link #stopFailingApiRequests()} or {@link #reset()}. Queued faults come first.
	 * @param fault the fault
	 */
	public void failEveryApiRequest(Fault fault) {
		this.everyApiRequestFault = fault;
	}

	/** Answer the users API normally again after {@link #failEveryApiRequest(Fault)}. */
	public void stopFailingApiRequests() {
		this.everyApiRequestFault = null;
	}

	/**
	 * Make the users API of an app accept a token the fake did not issue, such as one a
	 * test's own {@code EasemobTokenProvider} hands out, until it is revoked.
	 * @param appKey the app, {@code org#app}
	 * @param accessToken the token
	 */
	public void accept(String appKey, String accessToken) {
		this.revoked.remove(accessToken);
		this.tokens.put(accessToken, new Issued(appKey.replace('#', '/'), null));
	}

	/**
	 * Accept a second client secret for an app, as Easemob does while a secret is being
	 * rotated in the console.
	 * @param appKey the app, {@code org#app}
	 * @param clientSecret the other secret
	 */
	public void acceptSecret(String appKey, String clientSecret) {
		this.rotatedSecrets.add(appKey.replace('#', '/') + " " + clientSecret);
	}

	/**
	 * Register users in an app, as if the application had created them before the test.
	 * @param appKey the app, {@code org#app}
	 * @param usernames the usernames
	 */
	public void addUsers(String appKey, String... usernames) {
		Map<String, JsonObject> registered = registeredUsers(appKey.replace('#', '/'));
		for (String username : usernames) {
			registered.putIfAbsent(username, user(username));
		}
	}

	/**
	 * Answer the next token request with {@code fault} instead of a token (faults queue up,
	 * one per request).
	 * @param fault the fault
	 */
	public void enqueueTokenFault(Fault fault) {
		this.tokenFaults.add(fault);
	}

	/**
	 * Answer the next users API request with {@code fault}.
	 * @param fault the fault
	 */
	public void enqueueApiFault(Fault fault) {
		this.apiFaults.add(fault);
	}

	/**
	 * Deactivate (ban) a user: a user token for it is refused with 400 {@code invalid_grant}
	 * {@code user not activated}, as Easemob does.
	 * @param appKey the app, {@code org#app}
	 * @param username the user, registered or not yet
	 */
	public void deactivate(String appKey, String username) {
		this.deactivated.add(appKey.replace('#', '/') + "/" + username);
	}

	/**
	 * Limit the users an app may have, as the plan does: creating one more with
	 * {@code autoCreateUser} is refused with 429 {@code resource_limited}.
	 * @param maxUsers the most users of each app
	 */
	public void limitUsers(int maxUsers) {
		this.userLimit = maxUsers;
	}

	/**
	 * Answer the next user-token request with {@code fault} (faults queue up, one per request),
	 * such as {@code Fault.status(409, "concurrent_operation_error", "concurrency create app user failed")}.
	 * @param fault the fault
	 */
	public void enqueueUserTokenFault(Fault fault) {
		this.userTokenFaults.add(fault);
	}

	/**
	 * The user-token requests (inherit grant) received, in order.
	 * @return the requests
	 */
	public List<UserTokenRequest> userTokenRequests() {
		return List.copyOf(this.userTokenRequests);
	}

	/**
	 * Whose a user token is, if it is valid now for the app: one the fake issued (not expired),
	 * or a dynamic one signed with the app's client ID and secret (signature right, not
	 * expired). What a client SDK's login with it would find.
	 * @param appKey the app, {@code org#app}
	 * @param userToken the token
	 * @return the username, or empty when the token is not a valid user token of the app
	 */
	public Optional<String> userOf(String appKey, String userToken) {
		String path = appKey.replace('#', '/');
		UserTokenIssued issued = this.userTokens.get(userToken);
		if (issued != null) {
			boolean valid = issued.path().equals(path) && !this.revoked.contains(userToken)
					&& (issued.expiresAt() == null || this.clock.instant().isBefore(issued.expiresAt()));
			return valid ? Optional.of(issued.username()) : Optional.empty();
		}
		FakeApp app = this.apps.get(path);
		return (app != null) ? DynamicTokens.userOf(app, userToken, this.clock.instant()) : Optional.empty();
	}

	/**
	 * The token requests received, in order.
	 * @return the requests
	 */
	public List<TokenRequest> tokenRequests() {
		return List.copyOf(this.tokenRequests);
	}

	/**
	 * How many token requests were received.
	 * @return the count
	 */
	public int tokenRequestCount() {
		return this.tokenRequests.size();
	}

	/**
	 * How many token requests were received for one app.
	 * @param appKey the app, {@code org#app}
	 * @return the count
	 */
	public int tokenRequestCount(String appKey) {
		return (int) this.tokenRequests.stream().filter((request) -> request.app().equals(appKey)).count();
	}

	/**
	 * The users API requests received, in order, with the token each carried.
	 * @return the requests
	 */
	public List<ApiRequest> apiRequests() {
		return List.copyOf(this.apiRequests);
	}

	/**
	 * The usernames registered in an app.
	 * @param appKey the app, {@code org#app}
	 * @return the usernames, in no particular order
	 */
	public List<String> users(String appKey) {
		return List.copyOf(this.users.getOrDefault(appKey.replace('#', '/'), Map.of()).keySet());
	}

	/**
	 * Forget the users, revocations, second secrets, faults, delays and logged requests, and go back to
	 * the token lifetime the fake was built with. Tokens issued stay valid, so a client that
	 * cached one (a Spring context shared by several tests) keeps working.
	 */
	public void reset() {
		this.users.clear();
		this.revoked.clear();
		this.rotatedSecrets.clear();
		this.tokenFaults.clear();
		this.apiFaults.clear();
		this.everyTokenRequestFault = null;
		this.everyApiRequestFault = null;
		this.tokenDelay = Duration.ZERO;
		this.apiDelay = Duration.ZERO;
		this.tokenLifetime = this.initialTokenLifetime;
		this.tokenRequests.clear();
		this.apiRequests.clear();
		this.deactivated.clear();
		this.userTokenFaults.clear();
		this.userTokenRequests.clear();
		this.userLimit = Integer.MAX_VALUE;
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String[] path = exchange.getRequestURI().getPath().split("/");
			// "", org, app, "token" | "users" [, username]
			if (path.length == 4 && path[3].equals("token")) {
				token(exchange, path[1] + "/" + path[2]);
			}
			else if ((path.length == 4 || path.length == 5) && path[3].equals("users")) {
				users(exchange, path[1] + "/" + path[2], (path.length == 5) ? path[4] : null);
			}
			else {
				send(exchange, 404, error("service_resource_not_found", "Service resource not found"));
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Fake Easemob failed to answer " + exchange.getRequestMethod() + " "
					+ exchange.getRequestURI().getPath() + ": " + ex.getClass().getSimpleName());
		}
	}

	private void token(HttpExchange exchange, String path) throws IOException {
		Object read = readJson(exchange);
		Map<?, ?> body = (read instanceof Map<?, ?> object) ? object : null;
		if (body != null && "inherit".equals(text(body, "grant_type"))) {
			userToken(exchange, path, body);
			return;
		}
		String clientId = text(body, "client_id");
		Long ttl = (body != null && (body.get("ttl") instanceof Integer || body.get("ttl") instanceof Long))
				? ((Number) body.get("ttl")).longValue() : null;
		FakeApp app = this.apps.get(path);
		int status = tokenStatus(exchange, body, app, clientId);
		Fault queued = this.tokenFaults.poll();
		Fault every = this.everyTokenRequestFault;
		// Logged on arrival, so that a test sees a request its fault still holds up, with what it will be answered.
		this.tokenRequests.add(new TokenRequest(path.replace('/', '#'), clientId,
				ttl,
				answered(queued, answered(every, status))));
		if (applyFault(exchange, queued) || applyFault(exchange, every)) {
			return;
		}
		pause(this.tokenDelay);
		if (status != 200 || app == null || body == null) {
			send(exchange, status, tokenError(exchange, body, app, path));
			return;
		}
		Duration lifetime = (ttl != null) ? (this.milliseconds ? Duration.ofMillis(ttl) : Duration.ofSeconds(ttl))
				: this.tokenLifetime;
		String token = this.tokenSource.get();
		Instant expiresAt = lifetime.isZero() ? null : this.clock.instant().plus(lifetime);
		this.tokens.put(token, new Issued(path, expiresAt));
		// A test's numbered tokens start again at 1: an app token is no longer a user token of an earlier test.
		this.userTokens.remove(token);
		if (logger.isInfoEnabled()) {
			logger.info("Fake Easemob issued app token …" + token.substring(token.length() - 4) + " for "
					+ app.appKey() + ", valid for " + (lifetime.isZero() ? "ever" : lifetime.toMillis() / 1000 + " s"));
		}
		JsonObject answer = new JsonObject()
			.put("access_token", token)
			.put("expires_in", this.milliseconds ? lifetime.toMillis() : lifetime.toSeconds())
			.put("application", app.application());
		send(exchange, 200, answer);
	}

	private int tokenStatus(HttpExchange exchange, @Nullable Map<?, ?> body, @Nullable FakeApp app,
			@Nullable String clientId) {
		if (!"POST".equals(exchange.getRequestMethod())) {
			return 405;
		}
		if (app == null) {
			return 404;
		}
		if (body == null || !"client_credentials".equals(text(body, "grant_type")) || clientId == null
				|| text(body, "client_secret") == null) {
			return 400;
		}
		String secret = text(body, "client_secret");
		boolean secretMatches = app.clientSecret().equals(secret)
				|| this.rotatedSecrets.contains(app.orgName() + "/" + app.appName() + " " + secret);
		return (app.clientId().equals(clientId) && secretMatches) ? 200 : 400;
	}

	private JsonObject tokenError(HttpExchange exchange, @Nullable Map<?, ?> body, @Nullable FakeApp app, String path) {
		if (!"POST".equals(exchange.getRequestMethod())) {
			return error("method_not_allowed", "Request method '" + exchange.getRequestMethod() + "' not supported");
		}
		if (app == null) {
			return error("organization_application_not_found",
					"Could not find application for " + path + " from URI: " + path + "/token");
		}
		if (body == null) {
			return error("illegal_argument", "the body is not a JSON object (Content-Type application/json)");
		}
		if (!"client_credentials".equals(text(body, "grant_type"))) {
			return error("illegal_argument", "grant_type must be client_credentials");
		}
		if (text(body, "client_id") == null) {
			return error("illegal_argument", "client_id is missing");
		}
		if (text(body, "client_secret") == null) {
			return error("illegal_argument", "client_secret is missing");
		}
		return error("invalid_grant",
				app.clientId().equals(text(body, "client_id")) ? "client_secret does not match" : "client_id does not match");
	}

	/** The inherit grant of the user-token page: a user token for a username, with the app's token. */
	private void userToken(HttpExchange exchange, String path, Map<?, ?> body) throws IOException {
		String username = text(body, "username");
		boolean autoCreate = Boolean.TRUE.equals(body.get("autoCreateUser"));
		Long ttl = (body.get("ttl") instanceof Integer || body.get("ttl") instanceof Long)
				? ((Number) body.get("ttl")).longValue() : null;
		Fault fault = this.userTokenFaults.poll();
		UserTokenAnswer answer = userTokenAnswer(exchange, path, body, username, autoCreate);
		this.userTokenRequests.add(new UserTokenRequest(path.replace('/', '#'),
				(username != null) ? username : "", autoCreate, ttl, answered(fault, answer.status()),
				this.clock.instant()));
		if (applyFault(exchange, fault)) {
			return;
		}
		pause(this.tokenDelay);
		if (answer.status() != 200 || username == null) {
			send(exchange, answer.status(), answer.body());
			return;
		}
		Duration lifetime = (ttl != null) ? (this.milliseconds ? Duration.ofMillis(ttl) : Duration.ofSeconds(ttl))
				: this.tokenLifetime;
		String token = this.tokenSource.get();
		this.tokens.remove(token);
		this.userTokens.put(token, new UserTokenIssued(path, username,
				lifetime.isZero() ? null : this.clock.instant().plus(lifetime)));
		JsonObject user = registeredUsers(path).get(username);
		send(exchange, 200, new JsonObject().put("access_token", token)
			.put("expires_in", this.milliseconds ? lifetime.toMillis() : lifetime.toSeconds())
			.put("user", (user != null) ? user.fields() : null));
	}

	private UserTokenAnswer userTokenAnswer(HttpExchange exchange, String path, Map<?, ?> body,
			@Nullable String username, boolean autoCreate) {
		if (this.apps.get(path) == null) {
			return new UserTokenAnswer(404, error("organization_application_not_found",
					"Could not find application for " + path + " from URI: " + path + "/users"));
		}
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		if (!isAuthorized(authorization, path)) {
			String bearer = (authorization != null && authorization.startsWith("Bearer "))
					? authorization.substring("Bearer ".length()) : "";
			Issued appToken = this.tokens.get(bearer);
			boolean notAnAppToken = (appToken != null) ? !appToken.path().equals(path)
					: this.userTokens.containsKey(bearer) || bearer.startsWith("ZHQt");
			return new UserTokenAnswer(401, notAnAppToken
					? error("auth_bad_access_token", "Unable to authenticate due to corrupt access token")
					: error("unauthorized", "Unable to authenticate (OAuth)"));
		}
		if (username == null || !(body.get("autoCreateUser") instanceof Boolean)) {
			return new UserTokenAnswer(400, error("illegal_argument",
					(username == null) ? "username is missing" : "autoCreateUser is missing"));
		}
		Map<String, JsonObject> registered = registeredUsers(path);
		if (!registered.containsKey(username)) {
			if (!autoCreate) {
				return new UserTokenAnswer(404, error("invalid_grant", "user not found"));
			}
			if (username.length() > 64) {
				return new UserTokenAnswer(400, error("illegal_argument", "USERNAME_TOO_LONG"));
			}
			if (!username.matches("[A-Za-z0-9_.-]+")) {
				return new UserTokenAnswer(400, error("illegal_argument", "username [" + username + "] is not legal"));
			}
			synchronized (registered) {
				if (!registered.containsKey(username) && registered.size() >= this.userLimit) {
					return new UserTokenAnswer(429, error("resource_limited", "You have exceeded the limit of the "
							+ "community edition,Please upgrade to the enterprise edition"));
				}
				registered.putIfAbsent(username, user(username));
			}
		}
		if (this.deactivated.contains(path + "/" + username)) {
			return new UserTokenAnswer(400, error("invalid_grant", "user not activated"));
		}
		return new UserTokenAnswer(200, new JsonObject());
	}

	private void users(HttpExchange exchange, String path, @Nullable String username) throws IOException {
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		String method = exchange.getRequestMethod();
		boolean authorized = isAuthorized(authorization, path);
		if (applyFault(exchange, this.apiFaults.poll()) || applyFault(exchange, this.everyApiRequestFault)) {
			this.apiRequests.add(new ApiRequest(method, exchange.getRequestURI().getPath(), authorization, 0,
					headers(exchange)));
			return;
		}
		pause(this.apiDelay);
		int status;
		JsonObject answer;
		if (this.apps.get(path) == null) {
			status = 404;
			answer = error("organization_application_not_found", "Could not find application for " + path);
		}
		else if (!authorized) {
			status = 401;
			answer = error("unauthorized", "Unable to authenticate due to expired access token");
		}
		else {
			Map<String, JsonObject> registered = registeredUsers(path);
			JsonObject entity = (username != null) ? registered.get(username) : null;
			if ("POST".equals(method) && username == null) {
				List<JsonObject> created = register(readJson(exchange), registered);
				status = (created != null) ? 200 : 400;
				answer = (created != null) ? envelope(path, "post", created)
						: error("duplicate_unique_property_exists", "Entity user requires that property named username "
								+ "be unique, and the body must name one (username, password)");
			}
			else if (("GET".equals(method) || "DELETE".equals(method)) && entity != null) {
				if ("DELETE".equals(method)) {
					registered.remove(username);
				}
				status = 200;
				answer = envelope(path, method.toLowerCase(java.util.Locale.ROOT), List.of(entity));
			}
			else {
				status = 404;
				answer = error("service_resource_not_found", "Service resource not found");
			}
		}
		this.apiRequests.add(new ApiRequest(method, exchange.getRequestURI().getPath(), authorization, status,
				headers(exchange)));
		send(exchange, status, answer);
	}

	private boolean isAuthorized(@Nullable String authorization, String path) {
		if (authorization == null || !authorization.startsWith("Bearer ")) {
			return false;
		}
		String token = authorization.substring("Bearer ".length());
		Issued issued = this.tokens.get(token);
		return issued != null && issued.path().equals(path) && !this.revoked.contains(token)
				&& (issued.expiresAt() == null || this.clock.instant().isBefore(issued.expiresAt()));
	}

	private static @Nullable List<JsonObject> register(@Nullable Object body, Map<String, JsonObject> registered) {
		List<Object> requested = new ArrayList<>();
		if (body instanceof List<?> array) {
			requested.addAll(array);
		}
		else if (body instanceof Map<?, ?>) {
			requested.add(body);
		}
		List<JsonObject> created = new ArrayList<>();
		for (Object user : requested) {
			String username = (user instanceof Map<?, ?> fields) ? text(fields, "username") : null;
			if (username == null || registered.containsKey(username)) {
				return null;
			}
			JsonObject entity = user(username);
			registered.put(username, entity);
			created.add(entity);
		}
		return created.isEmpty() ? null : created;
	}

	private Map<String, JsonObject> registeredUsers(String path) {
		return this.users.computeIfAbsent(path, (app) -> new ConcurrentHashMap<>());
	}

	private static JsonObject user(String username) {
		return new JsonObject()
			.put("uuid", UUID.randomUUID().toString())
			.put("type", "user")
			.put("username", username)
			.put("activated", true)
			.put("created", System.currentTimeMillis());
	}

	private JsonObject envelope(String path, String action, List<JsonObject> entities) {
		FakeApp app = this.apps.get(path);
		return new JsonObject()
			.put("action", action)
			.put("application", (app != null) ? app.application() : "")
			.put("path", "/users")
			.put("uri", baseUrl() + "/" + path + "/users")
			.put("timestamp", System.currentTimeMillis())
			.put("duration", 0)
			.put("organization", (app != null) ? app.orgName() : "")
			.put("applicationName", (app != null) ? app.appName() : "")
			.put("entities", entities);
	}

	/** The status a request is answered with: the fault's, or {@code otherwise} when it only delays. */
	private static int answered(@Nullable Fault fault, int otherwise) {
		if (fault == null) {
			return otherwise;
		}
		return fault.closeConnection() ? 0 : (fault.status() != 0) ? fault.status() : otherwise;
	}

	/** Applies a fault, if any; {@code true} when it answered the request. */
	private static boolean applyFault(HttpExchange exchange, @Nullable Fault fault) throws IOException {
		if (fault == null) {
			return false;
		}
		if (!pause(fault.delay()) || fault.closeConnection()) {
			return true;
		}
		if (fault.status() == 0) {
			return false;
		}
		if (fault.retryAfter() != null) {
			exchange.getResponseHeaders().add("Retry-After", String.valueOf(fault.retryAfter().toSeconds()));
		}
		send(exchange, fault.status(), error(String.valueOf(fault.error()), String.valueOf(fault.description())));
		return true;
	}

	/** Waits, as a slow Easemob does; {@code false} when interrupted (the fake is closing). */
	private static boolean pause(Duration delay) {
		if (delay.isZero()) {
			return true;
		}
		try {
			Thread.sleep(delay.toMillis());
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static Map<String, List<String>> headers(HttpExchange exchange) {
		// a view, not a copy: a load test logs hundreds of thousands of requests
		return Collections.unmodifiableMap(exchange.getRequestHeaders());
	}

	private static @Nullable Object readJson(HttpExchange exchange) throws IOException {
		String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
		try (InputStream body = exchange.getRequestBody()) {
			byte[] bytes = body.readAllBytes();
			if (contentType == null || !contentType.startsWith("application/json") || bytes.length == 0) {
				return null;
			}
			Object value = JsonObjects.read(bytes);
			return (value instanceof Map<?, ?> || value instanceof List<?>) ? value : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static @Nullable String text(@Nullable Map<?, ?> object, String field) {
		Object value = (object != null) ? object.get(field) : null;
		return (value instanceof String text && !text.isBlank()) ? text : null;
	}

	private static JsonObject error(String error, String description) {
		return new JsonObject()
			.put("error", error)
			.put("exception", "com.easemob.fake." + error)
			.put("timestamp", System.currentTimeMillis())
			.put("duration", 0)
			.put("error_description", description);
	}

	private static void send(HttpExchange exchange, int status, JsonObject body) throws IOException {
		byte[] bytes = JsonObjects.write(body.fields());
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static byte[] randomBytes(int count) {
		byte[] bytes = new byte[count];
		random.nextBytes(bytes);
		return bytes;
	}

	@Override
	public String toString() {
		return "FakeEasemob[" + baseUrl() + ", apps=" + this.apps.values().stream().map(FakeApp::appKey).toList() + "]";
	}

	private record Issued(String path, @Nullable Instant expiresAt) {
	}

	private record UserTokenIssued(String path, String username, @Nullable Instant expiresAt) {
	}

	private record UserTokenAnswer(int status, JsonObject body) {
	}

	/**
	 * A user-token request (the inherit grant) the fake received.
	 *
	 * @param app the app asked for, {@code org#app}
	 * @param username the {@code username} sent, empty when none
	 * @param autoCreateUser the {@code autoCreateUser} sent
	 * @param ttl the {@code ttl} sent, if any
	 * @param status the status answered: a fault's when one answered it, {@code 0} when a
	 * fault closed the connection
	 * @param receivedAt when it arrived, on the fake's clock
	 */
	public record UserTokenRequest(String app, String username, boolean autoCreateUser, @Nullable Long ttl, int status,
			Instant receivedAt) {
	}

	/**
	 * An app the fake serves.
	 *
	 * @param orgName its organization
	 * @param appName its name
	 * @param clientId its client ID
	 * @param clientSecret its client secret, never shown by {@link #toString()}
	 * @param application its application UUID, as token answers carry it
	 */
	public record FakeApp(String orgName, String appName, String clientId, String clientSecret, String application) {

		/**
		 * The app key, {@code org#app}.
		 * @return the app key
		 */
		public String appKey() {
			return this.orgName + "#" + this.appName;
		}

		@Override
		public String toString() {
			return "FakeApp[" + appKey() + ", clientId=" + this.clientId + ", clientSecret=******]";
		}

	}

	/**
	 * A token request the fake received; the secret is not kept.
	 *
	 * @param app the app asked for, {@code org#app}
	 * @param clientId the {@code client_id} sent, if any
	 * @param ttl the {@code ttl} sent, if any
	 * @param status the status the fake answered: a fault's when one answered it, {@code 0} when
	 * a fault closed the connection
	 */
	public record TokenRequest(String app, @Nullable String clientId, @Nullable Long ttl, int status) {
	}

	/**
	 * A users API request the fake received.
	 *
	 * @param method the HTTP method
	 * @param path the path
	 * @param authorization the {@code Authorization} header it carried, if any; shown only
	 * as its last four characters by {@link #toString()}
	 * @param status the status answered, {@code 0} for a fault that closed the connection
	 * @param headers the request headers, {@code Authorization} among them; not shown by
	 * {@link #toString()}
	 */
	public record ApiRequest(String method, String path, @Nullable String authorization, int status,
			Map<String, List<String>> headers) {

		/**
		 * The first value of a request header.
		 * @param name the header's name, in any case
		 * @return the value, or {@code null}
		 */
		public @Nullable String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((header) -> header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty())
				.map((header) -> header.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

		/**
		 * The bearer token the request carried.
		 * @return the token, or {@code null}
		 */
		public @Nullable String token() {
			return (this.authorization != null && this.authorization.startsWith("Bearer "))
					? this.authorization.substring(7) : null;
		}

		@Override
		public String toString() {
			String token = token();
			return "ApiRequest[" + this.method + " " + this.path + ", token="
					+ ((token != null) ? "…" + token.substring(Math.max(0, token.length() - 4)) : "none") + ", status="
					+ this.status + "]";
		}

	}

	/**
	 * What the fake does to a request instead of answering it normally.
	 *
	 * @param status the status to answer, with Easemob's error body; {@code 0} to answer
	 * normally after the delay
	 * @param error the {@code error} field
	 * @param description the {@code error_description} field
	 * @param delay how long to wait first
	 * @param closeConnection whether to close the connection instead of answering
	 * @param retryAfter a {@code Retry-After} to send, if any
	 */
	public record Fault(int status, @Nullable String error, @Nullable String description, Duration delay,
			boolean closeConnection, @Nullable Duration retryAfter) {

		/**
		 * An error answer.
		 * @param status the HTTP status
		 * @param error Easemob's {@code error}
		 * @param description Easemob's {@code error_description}
		 * @return the fault
		 */
		public static Fault status(int status, String error, String description) {
			return new Fault(status, error, description, Duration.ZERO, false, null);
		}

		/**
		 * HTTP 429 {@code reach_limit}, as the token endpoint answers past its rate limit.
		 * @return the fault
		 */
		public static Fault rateLimited() {
			return status(429, "reach_limit", "This request has reached api limit");
		}

		/**
		 * The normal answer, but only after {@code delay}.
		 * @param delay the delay
		 * @return the fault
		 */
		public static Fault slow(Duration delay) {
			return new Fault(0, null, null, delay, false, null);
		}

		/**
		 * The connection closed without an answer.
		 * @return the fault
		 */
		public static Fault closedConnection() {
			return new Fault(0, null, null, Duration.ZERO, true, null);
		}

		/**
		 * This fault with a {@code Retry-After} header.
		 * @param retryAfter the delay to ask for
		 * @return the fault
		 */
		public Fault withRetryAfter(Duration retryAfter) {
			return new Fault(this.status, this.error, this.description, this.delay, this.closeConnection, retryAfter);
		}

		/**
		 * This fault after a delay.
		 * @param delay the delay
		 * @return the fault
		 */
		public Fault after(Duration delay) {
			return new Fault(this.status, this.error, this.description, delay, this.closeConnection, this.retryAfter);
		}

	}

	/**
	 * Builds a {@link FakeEasemob}.
	 */
	public static final class Builder {

		private final List<FakeApp> apps = new ArrayList<>();

		private Duration tokenLifetime = Duration.ofHours(2);

		private boolean milliseconds;

		private InstantSource clock = InstantSource.system();

		private @Nullable Supplier<String> tokens;

		private Builder() {
		}

		/**
		 * Where the tokens it issues come from, for tests that want to know them in
		 * advance; random 64-character tokens, like Easemob's, unless set.
		 * @param tokens gives the next token to issue, a new one each time
		 * @return this builder
		 */
		public Builder tokens(Supplier<String> tokens) {
			this.tokens = tokens;
			return this;
		}

		/**
		 * Serve an app (the first one added is the app {@code default} of
		 * {@link FakeEasemob#properties()}); without any, the fake serves
		 * {@value FakeEasemob#ORG_NAME}#{@value FakeEasemob#APP_NAME}.
		 * @param appKey the app, {@code org#app}
		 * @param clientId its client ID
		 * @param clientSecret its client secret
		 * @return this builder
		 */
		public Builder app(String appKey, String clientId, String clientSecret) {
			int hash = appKey.indexOf('#');
			if (hash <= 0 || hash == appKey.length() - 1) {
				throw new IllegalArgumentException("appKey must be org#app, was '" + appKey + "'");
			}
			this.apps.add(new FakeApp(appKey.substring(0, hash), appKey.substring(hash + 1), clientId, clientSecret,
					UUID.randomUUID().toString()));
			return this;
		}

		/**
		 * How long tokens live when a request has no {@code ttl}; two hours unless set.
		 * @param tokenLifetime the lifetime, zero for tokens that never expire
		 * @return this builder
		 */
		public Builder tokenLifetime(Duration tokenLifetime) {
			this.tokenLifetime = tokenLifetime;
			return this;
		}

		/**
		 * Take {@code ttl} and answer {@code expires_in} in milliseconds, like the VIP 5
		 * cluster.
		 * @return this builder
		 */
		public Builder milliseconds() {
			this.milliseconds = true;
			return this;
		}

		/**
		 * The clock token expiry is judged by; the system clock unless set.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(InstantSource clock) {
			this.clock = clock;
			return this;
		}

		/**
		 * Start the fake on a free loopback port.
		 * @return the running fake
		 */
		public FakeEasemob build() {
			if (this.apps.isEmpty()) {
				app(ORG_NAME + "#" + APP_NAME, CLIENT_ID, CLIENT_SECRET);
			}
			try {
				return new FakeEasemob(this);
			}
			catch (IOException ex) {
				throw new IllegalStateException("Could not start the fake Easemob on a loopback port", ex);
			}
		}

	}


	/** A JSON object in the making, written with whichever Jackson the application has. */
	private static final class JsonObject {

		private final Map<String, @Nullable Object> fields = new LinkedHashMap<>();

		JsonObject put(String name, @Nullable Object value) {
			this.fields.put(name, value);
			return this;
		}

		JsonObject put(String name, List<JsonObject> objects) {
			this.fields.put(name, objects.stream().map(JsonObject::fields).toList());
			return this;
		}

		Map<String, @Nullable Object> fields() {
			return this.fields;
		}

	}

}
