package io.github.easemobtoken.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.test.FakeEasemob;
import io.github.easemobtoken.token.CachingEasemobTokenProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * (g) A fleet rotating its token: K warm providers, traffic on each (a call per provider
 * every 200 µs or so) until every provider holds a newer token than at the start. Reports
 * the token requests Easemob received per rotation, and the latency of
 * {@code getToken().block()} for calls made while the caller's provider was due (in the
 * refresh window) and while it was fresh (outside it): p50, p99 and max.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
@State(Scope.Benchmark)
public class FleetRotationBenchmark {

	@Param({ "1", "4", "16" })
	public int instances;

	@Param({ "redis", "memory" })
	public String store;

	private FakeEasemob server;

	private LocalRedis redis;

	private Fleet fleet;

	private final List<Integer> requests = new ArrayList<>();

	private final Latencies inWindow = new Latencies();

	private final Latencies outside = new Latencies();

	private int requestsBefore;

	@Setup(Level.Trial)
	public void start() throws Exception {
		this.server = Fixtures.fakeEasemob(Duration.ofMillis(50), Duration.ofSeconds(3));
		this.redis = new LocalRedis();
		this.fleet = new Fleet(this.instances, this.store.equals("redis"), this.server.baseUrl(), this.redis);
		this.fleet.providers().forEach((provider) -> provider.getToken().block(Duration.ofSeconds(10)));
	}

	@Setup(Level.Invocation)
	public void count() {
		this.requestsBefore = this.server.tokenRequestCount();
	}

	@Benchmark
	public long rotation() throws InterruptedException {
		List<CachingEasemobTokenProvider> providers = this.fleet.providers();
		String[] before = providers.stream().map((provider) -> current(provider).accessToken()).toArray(String[]::new);
		long calls = 0;
		boolean rotated = false;
		while (!rotated) {
			rotated = true;
			for (int i = 0; i < providers.size(); i++) {
				CachingEasemobTokenProvider provider = providers.get(i);
				boolean due = provider.getFreshToken() == null;
				long start = System.nanoTime();
				EasemobToken token = current(provider);
				(due ? this.inWindow : this.outside).add(System.nanoTime() - start);
				rotated &= !token.accessToken().equals(before[i]);
				calls++;
			}
			TimeUnit.MICROSECONDS.sleep(200); // the pace of traffic, not a wait for expiry
		}
		return calls;
	}

	private static EasemobToken current(CachingEasemobTokenProvider provider) {
		return provider.getToken().block(Duration.ofSeconds(10));
	}

	@TearDown(Level.Invocation)
	public void record() {
		this.requests.add(this.server.tokenRequestCount() - this.requestsBefore);
	}

	@TearDown(Level.Trial)
	public void report() throws Exception {
		System.out.printf("%n[fleet-rotation] store=%s instances=%d token requests per rotation: %s%n", this.store,
				this.instances, this.requests);
		System.out.printf("[fleet-rotation] store=%s instances=%d getToken().block() in the refresh window: %s%n",
				this.store, this.instances, this.inWindow.summary());
		System.out.printf("[fleet-rotation] store=%s instances=%d getToken().block() outside it: %s%n", this.store,
				this.instances, this.outside.summary());
		this.fleet.close();
		this.server.close();
		this.redis.close();
	}

	/** Nanosecond samples, summarised as percentiles. */
	private static final class Latencies {

		private long[] samples = new long[1 << 16];

		private int size;

		void add(long nanos) {
			if (this.size == this.samples.length) {
				this.samples = Arrays.copyOf(this.samples, this.size * 2);
			}
			this.samples[this.size++] = nanos;
		}

		String summary() {
			if (this.size == 0) {
				return "no calls";
			}
			long[] sorted = Arrays.copyOf(this.samples, this.size);
			Arrays.sort(sorted);
			return "n=%d p50=%.1f µs p99=%.1f µs max=%.1f µs".formatted(this.size, percentile(sorted, 0.50) / 1e3,
					percentile(sorted, 0.99) / 1e3, sorted[sorted.length - 1] / 1e3);
		}

		private static double percentile(long[] sorted, double p) {
			return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
		}

	}

}
