package io.github.easemobtoken.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * (h) The startup of the Spring MVC sample, a new JVM each time, from {@code main} to the
 * refreshed context ({@code -Dspring.context.exit=onRefresh}): without the starter (the
 * baseline: the same application and class path minus the starter's jars), with Spring
 * Boot's {@code spring-boot-restclient} instead of the starter (what an application that
 * already uses Boot's RestClient support has), with the starter as it comes, and with the
 * starter minus Spring WebFlux (the sample's own pom), in the same run. The class paths come from {@code benchmarks/mvc_classpaths.py}, see BENCHMARKS.md.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 15)
@Fork(1)
@State(Scope.Benchmark)
public class MvcStartupBenchmark {

	@Param({ "without-starter", "with-restclient", "with-starter", "with-starter-lean" })
	public String variant;

	private List<String> command;

	@Setup
	public void classPath() throws IOException {
		Path sample = Path.of(System.getProperty("mvc.sample", "samples/easemob-token-mvc-sample"));
		String dependencies = Files
			.readString(sample.resolve("target").resolve("classpath-" + this.variant + ".txt"))
			.strip();
		String launcher = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		this.command = List.of(launcher, "-cp", sample.resolve("target/classes") + File.pathSeparator + dependencies,
				"-Dspring.context.exit=onRefresh", "io.github.easemobtoken.mvcsample.MvcSampleApplication",
				"--server.port=0", "--easemob.app-key=org#app", "--easemob.client-id=YXA6id",
				"--easemob.client-secret=YXA6secret-0000000000", "--logging.level.root=WARN");
	}

	@Benchmark
	public int startup() throws IOException, InterruptedException {
		Process process = new ProcessBuilder(this.command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		int exit = process.waitFor();
		Fixtures.check(exit == 0, "the sample did not start: exit " + exit);
		return exit;
	}

}
