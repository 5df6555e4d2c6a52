package io.gastown.cli.bench;

import io.gastown.cli.GtCommand;
import io.gastown.cli.GtEnvironment;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * Not a test: slings a 1,000-bead convoy ({@code kubectl gt convoy create ... --sling}) into a
 * fresh GitOps repository and compares the wall time with plain {@code git add} + {@code git
 * commit} of the same files. Run by {@code hack/bench.sh ConvoySlingBenchmark} (runs: {@code
 * BENCH_JAVA_OPTS=-Dbench.runs=N}, default 5); the figures go to docs/benchmarks.md.
 *
 * <p>Measured: the command in this JVM (first run cold, then warm runs, each into a new
 * repository), the same command as a user runs it ({@code java -jar kubectl-gt.jar}, a new JVM each
 * time) when the jar is given, and the git baselines: {@code git add rigs} + {@code git commit} of
 * the same files already in place (the baseline), and the same including copying the files
 * in (kubectl gt has to write them, git's timing does not). Target: under 3 s and under 2x git.
 */
public final class ConvoySlingBenchmark {
  static final int BEADS = 1000;
  static final String AUTHOR = "--author=Bench <bench@example.com>";

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : Integer.getInteger("bench.runs", 5);
    Path jar = args.length > 1 ? Path.of(args[1]) : builtJar();
    if (jar != null && !jar.toString().endsWith(".jar")) {
      launcherName = jar.getFileName() + " launcher";
    }
    Path work = Files.createTempDirectory("gt-bench");
    try {
      List<Double> inProcess = new ArrayList<>();
      List<Double> inProcessCpu = new ArrayList<>();
      List<Double> gitCpu = new ArrayList<>();
      List<Double> gitWithWrites = new ArrayList<>();
      List<Double> launcher = new ArrayList<>();
      List<Double> git = new ArrayList<>();
      for (int run = 0; run < runs; run++) {
        Path repo = freshRepository(work.resolve("gt-" + run));
        double cpu = processCpuSeconds();
        inProcess.add(timeInProcess(repo));
        inProcessCpu.add(processCpuSeconds() - cpu);
        double[] gitTimes = timeGit(repo, work.resolve("git-" + run));
        git.add(gitTimes[0]);
        gitCpu.add(gitTimes[1]);
        gitWithWrites.add(gitTimes[0] + gitTimes[2]);
        if (jar != null) {
          launcher.add(timeLauncher(jar, freshRepository(work.resolve("jar-" + run))));
        }
      }
      report(runs, inProcess, launcher, git);
      List<Double> warmRuns =
          inProcess.size() > 1 ? inProcess.subList(1, inProcess.size()) : inProcess;
      System.out.printf(
          Locale.ROOT,
          "  writing the files + git add + git commit: median %.3f s; ratio warm %.2fx%s%n",
          median(gitWithWrites),
          median(warmRuns) / median(gitWithWrites),
          launcher.isEmpty()
              ? ""
              : String.format(
                  Locale.ROOT,
                  ", %s %.2fx",
                  launcherName,
                  median(launcher) / median(gitWithWrites)));
      List<Double> warmCpu =
          inProcessCpu.size() > 1 ? inProcessCpu.subList(1, inProcessCpu.size()) : inProcessCpu;
      System.out.printf(
          Locale.ROOT,
          "  CPU time (user+sys, less sensitive to other load): in-process warm median %.3f s,"
              + " git add + commit median %.3f s, ratio %.2fx; load average %s%n",
          median(warmCpu),
          median(gitCpu),
          median(warmCpu) / median(gitCpu),
          loadAverage());
    } finally {
      delete(work);
    }
  }

  /** The shaded jar that hack/bench.sh builds (mvn package), if it is there. */
  static Path builtJar() {
    Path jar =
        Path.of(System.getProperty("gastown.root", "."))
            .resolve("kubectl-gt/target/kubectl-gt.jar");
    return Files.isRegularFile(jar) ? jar : null;
  }

  static List<String> convoyArgs(Path repo) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--repo",
                repo.toString(),
                AUTHOR,
                "convoy",
                "create",
                "Benchmark convoy of " + BEADS + " beads",
                "--rig",
                "bench",
                "--sling"));
    for (int i = 1; i <= BEADS; i++) {
      args.add("bench-" + i);
    }
    return args;
  }

  static Path freshRepository(Path repo) {
    run(List.of("--repo", repo.toString(), AUTHOR, "init"));
    run(
        List.of(
            "--repo",
            repo.toString(),
            AUTHOR,
            "rig",
            "create",
            "bench",
            "--git-url",
            "git@github.com:acme/bench.git",
            "--prefix",
            "bench"));
    return repo;
  }

  static double timeInProcess(Path repo) {
    long start = System.nanoTime();
    run(convoyArgs(repo));
    return seconds(System.nanoTime() - start);
  }

  /**
   * A jar runs as {@code java -jar} with the launcher's JVM options; anything else (the launcher)
   * runs as it is.
   */
  static double timeLauncher(Path jar, Path repo) throws IOException, InterruptedException {
    List<String> command =
        jar.toString().endsWith(".jar")
            ? new ArrayList<>(
                List.of(
                    "java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toString()))
            : new ArrayList<>(List.of(jar.toString()));
    command.addAll(convoyArgs(repo));
    long start = System.nanoTime();
    exec(command, null);
    return seconds(System.nanoTime() - start);
  }

  /**
   * The same starting state in a plain git repository, the same files copied in, then git add + git
   * commit.
   */
  static double[] timeGit(Path slung, Path plain) throws IOException, InterruptedException {
    Files.createDirectories(plain);
    exec(List.of("git", "init", "-q", "-b", "main"), plain);
    exec(List.of("git", "config", "user.name", "Bench"), plain);
    exec(List.of("git", "config", "user.email", "bench@example.com"), plain);
    exec(List.of("git", "config", "commit.gpgSign", "false"), plain);
    for (String file : List.of("README.md", "rigs/.gitkeep", "rigs/bench/rig.yaml")) {
      copy(slung.resolve(file), plain.resolve(file));
    }
    exec(List.of("git", "add", "."), plain);
    exec(List.of("git", "commit", "-q", "-m", "before"), plain);
    long copyStart = System.nanoTime();
    try (Stream<Path> files = Files.walk(slung.resolve("rigs/bench"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        copy(file, plain.resolve(slung.relativize(file)));
      }
    }
    double copying = seconds(System.nanoTime() - copyStart);
    double before = childrenCpuSeconds();
    long start = System.nanoTime();
    exec(List.of("git", "add", "rigs"), plain);
    exec(List.of("git", "commit", "-q", "-m", "convoy"), plain);
    double elapsed = seconds(System.nanoTime() - start);
    return new double[] {elapsed, childrenCpuSeconds() - before, copying};
  }

  static String launcherName = "java -jar kubectl-gt.jar";

  static void report(int runs, List<Double> inProcess, List<Double> launcher, List<Double> git) {
    double gitMedian = median(git);
    System.out.printf(
        Locale.ROOT,
        "ConvoySlingBenchmark: %d-bead convoy with --sling (1 Convoy + %d Polecat/Job "
            + "files + kustomization, one commit), %d runs, %d cores, Java %s%n",
        BEADS,
        BEADS,
        runs,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    System.out.printf(
        Locale.ROOT, "  in-process, first run (cold JVM): %.3f s%n", inProcess.get(0));
    List<Double> warm = inProcess.size() > 1 ? inProcess.subList(1, inProcess.size()) : inProcess;
    System.out.printf(
        Locale.ROOT,
        "  in-process, warm runs: median %.3f s (min %.3f, max %.3f)%n",
        median(warm),
        min(warm),
        max(warm));
    if (!launcher.isEmpty()) {
      System.out.printf(
          Locale.ROOT,
          "  " + launcherName + " (new JVM each run): median %.3f s (min %.3f, max %.3f)" + "%n",
          median(launcher),
          min(launcher),
          max(launcher));
    }
    System.out.printf(
        Locale.ROOT, "  plain git add + git commit of the same files: median %.3f s%n", gitMedian);
    System.out.printf(
        Locale.ROOT,
        "  ratio to git: warm %.2fx, cold %.2fx%s%n",
        median(warm) / gitMedian,
        inProcess.get(0) / gitMedian,
        launcher.isEmpty()
            ? ""
            : String.format(Locale.ROOT, ", %s %.2fx", launcherName, median(launcher) / gitMedian));
  }

  static void run(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine =
        GtCommand.commandLine(GtEnvironment.of(Map.of(), Path.of("/nonexistent")));
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    int exit = commandLine.execute(args.toArray(String[]::new));
    if (exit != 0) {
      throw new IllegalStateException(
          "kubectl gt "
              + args.subList(0, Math.min(args.size(), 8))
              + " failed with "
              + exit
              + ": "
              + err);
    }
  }

  static void exec(List<String> command, Path directory) throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    if (directory != null) {
      builder.directory(directory.toFile());
    }
    Process process = builder.start();
    if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IllegalStateException(
          String.join(" ", command.subList(0, Math.min(command.size(), 6))) + " failed");
    }
  }

  static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to.getParent());
    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
  }

  /** CPU time of this JVM (all threads), in seconds. */
  static double processCpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1e9;
  }

  /**
   * CPU time of the finished child processes (git), from /proc/self/stat (cutime + cstime, in clock
   * ticks).
   */
  static double childrenCpuSeconds() throws IOException {
    String stat = Files.readString(Path.of("/proc/self/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // fields[0] is field 3 (state); cutime and cstime are fields 16 and 17.
    return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / 100.0;
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "unknown";
    }
  }

  static double seconds(long nanos) {
    return nanos / 1e9;
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  static double min(List<Double> values) {
    return values.stream().min(Comparator.naturalOrder()).orElseThrow();
  }

  static double max(List<Double> values) {
    return values.stream().max(Comparator.naturalOrder()).orElseThrow();
  }

  static void delete(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
