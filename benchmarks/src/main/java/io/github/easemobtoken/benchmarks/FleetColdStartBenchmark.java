package io.github.easemobtoken.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.easemobtoken.test.FakeEasemob;
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
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * (f) A fleet starting cold: K new providers (an empty Redis), 50 callers each at once,
 * while the token endpoint takes 50 ms. Reports the token requests Easemob received per
 * invocation; the time is that of serving all K × 50 callers.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
@State(Scope.Benchmark)
public class FleetColdStartBenchmark {

	@Param({ "1", "4", "16" })
	public int instances;

	@Param({ "redis", "memory" })
	public String store;

	private FakeEasemob server;

	private LocalRedis redis;

	private Fleet fleet;

	private final List<Integer> requests = new ArrayList<>();

	@Setup(Level.Trial)
	public void start() throws Exception {
		this.server = Fixtures.fakeEasemob(Duration.ofMillis(50), Duration.ofSeconds(3));
		this.redis = new LocalRedis();
	}

	@Setup(Level.Invocation)
	public void coldFleet() {
		this.redis.flush();
		this.server.reset();
		this.server.tokenDelay(Duration.ofMillis(50));
		this.fleet = new Fleet(this.instances, this.store.equals("redis"), this.server.baseUrl(), this.redis);
	}

	@Benchmark
	public long coldStart() {
		return Flux.fromIterable(this.fleet.providers())
			.flatMap((provider) -> Flux.range(0, 50).flatMap((i) -> provider.getToken().subscribeOn(Schedulers.parallel())))
			.count()
			.block(Duration.ofSeconds(30));
	}

	@TearDown(Level.Invocation)
	public void record() {
		this.requests.add(this.server.tokenRequestCount());
		this.fleet.close();
	}

	@TearDown(Level.Trial)
	public void report() throws Exception {
		System.out.printf("%n[fleet-cold-start] store=%s instances=%d token requests per invocation: %s%n", this.store,
				this.instances, this.requests);
		this.server.close();
		this.redis.close();
	}

}
