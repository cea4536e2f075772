package io.github.easemobtoken.benchmarks;

import java.time.InstantSource;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Mono;

/**
 * Why the hot path reads no clock: one read of the wall clock, the check a cache makes to
 * know a token is still fresh, against the whole {@code Mono.just} floor of
 * {@link TokenHotPathBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
@State(Scope.Benchmark)
public class ClockReadBenchmark {

	private final InstantSource clock = InstantSource.system();

	private final String constant = Fixtures.ACCESS_TOKEN;

	@Benchmark
	public String monoJustConstant() {
		return Fixtures.consume(Mono.just(this.constant));
	}

	@Benchmark
	public long instantSourceMillis() {
		return this.clock.millis();
	}

	@Benchmark
	public long systemNanoTime() {
		return System.nanoTime();
	}

}
