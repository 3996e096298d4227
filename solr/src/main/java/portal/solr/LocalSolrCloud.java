package portal.solr;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * A SolrCloud on loopback for developers and tests: an embedded ZooKeeper, N Solr nodes, the
 * portal's configset uploaded and a collection created with S shards.
 *
 * <p>Prints one line {@code READY <node url> ... zk=<host:port> collection=<name> seconds=<s>}
 * once the collection answers, then runs until it is interrupted (Ctrl-C, SIGTERM) or, with
 * {@code --until-stdin-closes}, until its standard input closes: a test run that dies, however it
 * dies, closes the pipe and so never leaves a Java process behind. A data folder it made itself (or
 * any, with {@code --delete-data-dir}) is deleted when it stops.
 */
public final class LocalSolrCloud {

  private LocalSolrCloud() {}

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    long started = System.nanoTime();
    boolean ownFolder = options.dataDir == null || options.deleteDataDir;
    Path baseDir = options.dataDir == null ? Files.createTempDirectory("portal-solrcloud-") : options.dataDir;

    MiniSolrCloudCluster cluster;
    try {
      cluster = start(options, baseDir);
    } catch (Exception e) {
      if (ownFolder) {
        deleteTree(baseDir);
      }
      throw e;
    }

    CountDownLatch stopped = new CountDownLatch(1);
    Thread stopper =
        new Thread(
            () -> {
              try {
                cluster.shutdown();
              } catch (Exception e) {
                System.err.println("Stopping SolrCloud failed: " + e);
              } finally {
                if (ownFolder) {
                  deleteTree(baseDir);
                }
                stopped.countDown();
              }
            },
            "local-solrcloud-stop");
    Runtime.getRuntime().addShutdownHook(stopper);

    List<String> urls = new ArrayList<>();
    for (JettySolrRunner node : cluster.getJettySolrRunners()) {
      urls.add(node.getBaseUrl().toString());
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        "READY %s zk=%s collection=%s seconds=%.1f%n",
        String.join(" ", urls), cluster.getZkServer().getZkAddress(), options.collection, seconds);
    System.out.flush();

    if (options.untilStdinCloses) {
      InputStream in = System.in;
      while (in.read() != -1) {
        // Anything written is ignored: only the end of the stream matters.
      }
      System.exit(0); // runs the shutdown hook
    }
    stopped.await();
  }

  private static MiniSolrCloudCluster start(Options options, Path baseDir) throws Exception {
    MiniSolrCloudCluster.Builder builder =
        new MiniSolrCloudCluster.Builder(options.port == 0 ? options.nodes : 0, baseDir)
            .addConfig(options.collection, options.configset);
    MiniSolrCloudCluster cluster = builder.build();
    if (options.port != 0) {
      // Fixed ports (a developer's HAYSTACK_URL stays the same): one node after another.
      for (int i = 0; i < options.nodes; i++) {
        JettyConfig config = JettyConfig.builder().setPort(options.port + i).build();
        cluster.startJettySolrRunner("node" + (i + 1), "/solr", config);
      }
      cluster.waitForAllNodes(60);
    }
    CollectionAdminRequest.createCollection(options.collection, options.collection, options.shards, 1)
        .process(cluster.getSolrClient());
    cluster.waitForActiveCollection(options.collection, 60, TimeUnit.SECONDS, options.shards, options.shards);
    return cluster;
  }

  private static void deleteTree(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      System.err.println("Could not delete " + folder + ": " + e);
    }
  }

  /** Command-line options; each has a default except the configset folder. */
  private static final class Options {
    Path configset;
    Path dataDir;
    String collection = "portal";
    int nodes = 2;
    int shards = 2;
    int port = 0;
    boolean untilStdinCloses;
    boolean deleteDataDir;

    static Options parse(String[] args) {
      Options options = new Options();
      for (int i = 0; i < args.length; i++) {
        String name = args[i];
        if (name.equals("--until-stdin-closes")) {
          options.untilStdinCloses = true;
          continue;
        }
        if (name.equals("--delete-data-dir")) {
          options.deleteDataDir = true;
          continue;
        }
        if (i + 1 >= args.length) {
          throw usage(name + " needs a value");
        }
        String value = args[++i];
        switch (name) {
          case "--configset" -> options.configset = Path.of(value).toAbsolutePath();
          case "--data-dir" -> options.dataDir = Path.of(value).toAbsolutePath();
          case "--collection" -> options.collection = value;
          case "--nodes" -> options.nodes = positive(name, value);
          case "--shards" -> options.shards = positive(name, value);
          case "--port" -> options.port = Integer.parseInt(value);
          default -> throw usage("unknown option " + name);
        }
      }
      if (options.configset == null || !Files.isRegularFile(options.configset.resolve("solrconfig.xml"))) {
        throw usage("--configset must name a folder holding solrconfig.xml");
      }
      return options;
    }

    private static int positive(String name, String value) {
      int number = Integer.parseInt(value);
      if (number < 1) {
        throw usage(name + " must be at least 1, not " + value);
      }
      return number;
    }

    private static IllegalArgumentException usage(String problem) {
      return new IllegalArgumentException(
          problem
              + "\nusage: LocalSolrCloud --configset DIR [--collection portal] [--nodes 2] [--shards 2]"
              + " [--port 0 (any free)] [--data-dir DIR (a temporary folder)] [--delete-data-dir]"
              + " [--until-stdin-closes]");
    }
  }
}
