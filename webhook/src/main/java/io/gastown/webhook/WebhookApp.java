package io.gastown.webhook;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.gastown.expand.PlatformConfig;
import io.gastown.validation.Crds;
import io.gastown.validation.KubernetesSyntax;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javaoperatorsdk.webhook.admission.AdmissionController;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook's HTTPS server: {@code POST /mutate/pods}, {@code POST /validate/<plural>} for the
 * Gas Town kinds, {@code GET /healthz}, {@code /readyz} (ready once the caches are synced, and no
 * longer while stopping) and {@code /metrics}, all on one TLS port whose certificate is reloaded
 * when its files change.
 */
public final class WebhookApp implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebhookApp.class);

  private final Javalin javalin;
  private final ReloadingTls tls;
  private final AtomicBoolean stopping;
  private boolean stopped;

  private WebhookApp(Javalin javalin, ReloadingTls tls, AtomicBoolean stopping) {
    this.javalin = javalin;
    this.tls = tls;
    this.stopping = stopping;
  }

  /**
   * Sends a few thousand made-up Pod reviews over HTTPS to a throwaway copy of the webhook on a
   * loopback port ({@link AdmissionWarmUp}), so that the first real Pods are answered by compiled
   * code; call it before {@link #start}, while the informers sync.
   */
  public static void warmUp(WebhookSettings settings, PlatformConfig platform) {
    long start = System.nanoTime();
    log.info("warming up the admission path on a loopback copy of the webhook");
    int allowed = AdmissionWarmUp.run(platform, settings);
    log.info(
        "admission path warmed up: {} made-up Pods ({} expanded) in {} ms",
        AdmissionWarmUp.ROUNDS,
        allowed,
        (System.nanoTime() - start) / 1_000_000);
  }

  public static WebhookApp start(
      WebhookSettings settings, ClusterView cluster, PlatformConfig platform) {
    return start(settings, cluster, platform, null);
  }

  /**
   * @param host the address to listen on, or null for every interface
   */
  static WebhookApp start(
      WebhookSettings settings, ClusterView cluster, PlatformConfig platform, String host) {
    AdmissionMetrics metrics = new AdmissionMetrics();
    ReloadingTls tls =
        new ReloadingTls(
            settings.certFile(),
            settings.keyFile(),
            settings.tlsReloadInterval(),
            metrics::tlsReloaded);
    KubernetesSerialization serialization = WebhookJson.SERIALIZATION;
    AtomicBoolean stopping = new AtomicBoolean();

    AdmissionController<?> pods =
        new AdmissionController<>(new PodAdmission(cluster, platform, metrics::podPhases));
    AdmissionEndpoint mutatePods =
        new AdmissionEndpoint(
            "/mutate/pods", pods::handle, serialization, settings.maxRequestBytes(), metrics);
    Map<String, AdmissionEndpoint> validators = new TreeMap<>();
    Crds.PLURALS.forEach(
        (kind, plural) -> {
          AdmissionController<?> controller =
              new AdmissionController<>(new GasTownValidator(kind, cluster, platform));
          validators.put(
              plural,
              new AdmissionEndpoint(
                  "/validate/" + plural,
                  controller::handle,
                  serialization,
                  settings.maxRequestBytes(),
                  metrics));
        });

    Javalin javalin =
        Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              cfg.http.maxRequestSize = settings.maxRequestBytes();
              // Javalin gzips by default, and the apiserver's Go client asks for gzip: compressing
              // every 15 kB JSON Patch costs both sides more CPU than the bytes it saves on a
              // cluster network (docs/benchmarks.md, AdmissionBenchmark).
              cfg.http.compressionStrategy = CompressionStrategy.NONE;
              cfg.jetty.modifyServer(
                  server -> {
                    server.setStopTimeout(settings.shutdownGrace().toMillis());
                    server.insertHandler(new GracefulHandler());
                  });
              cfg.jetty.addConnector(
                  (server, httpConfig) -> {
                    HttpConfiguration https = new HttpConfiguration(httpConfig);
                    // The apiserver connects by Service DNS name or (in tests) by IP: no SNI host
                    // check.
                    https.addCustomizer(new SecureRequestCustomizer(false));
                    ServerConnector connector =
                        new ServerConnector(
                            server,
                            new SslConnectionFactory(tls.sslContextFactory(), "http/1.1"),
                            new HttpConnectionFactory(https));
                    connector.setHost(host);
                    connector.setPort(settings.port());
                    return connector;
                  });
              cfg.routes.post("/mutate/pods", mutatePods);
              cfg.routes.post(
                  "/validate/{plural}",
                  ctx -> {
                    AdmissionEndpoint endpoint = validators.get(ctx.pathParam("plural"));
                    if (endpoint == null) {
                      ctx.status(404)
                          .contentType("text/plain")
                          .result(
                              "unknown kind '"
                                  + KubernetesSyntax.shown(ctx.pathParam("plural"))
                                  + "': use one of "
                                  + String.join(", ", validators.keySet())
                                  + "\n");
                      return;
                    }
                    endpoint.handle(ctx);
                  });
              cfg.routes.get("/healthz", ctx -> ctx.contentType("text/plain").result("ok\n"));
              cfg.routes.get(
                  "/readyz",
                  ctx -> {
                    boolean ready = !stopping.get() && cluster.synced();
                    ctx.status(ready ? 200 : 503)
                        .contentType("text/plain")
                        .result(
                            ready
                                ? "ok\n"
                                : stopping.get() ? "stopping\n" : "caches not synced yet\n");
                  });
              cfg.routes.get(
                  "/metrics",
                  ctx ->
                      ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                          .result(metrics.scrape()));
              // Every answer, also a 404 or 415 given before the body was read, leaves the
              // connection reusable: a server
              // that closes a keep-alive connection with unread content makes the client's next
              // request on it fail.
              cfg.routes.after(ctx -> drain(ctx, settings.maxRequestBytes()));
              cfg.routes.exception(
                  Exception.class,
                  (e, ctx) -> {
                    log.error("internal error on {} {}", ctx.method(), ctx.path(), e);
                    ctx.status(500)
                        .contentType("text/plain")
                        .result("internal error; the webhook's log has the details\n");
                  });
            });
    WebhookApp app = new WebhookApp(javalin, tls, stopping);
    javalin.start();
    log.info("webhook listening on HTTPS {}:{}", host == null ? "*" : host, app.port());
    return app;
  }

  /**
   * Reads what the handler left of the body, up to {@link AdmissionEndpoint#DRAIN_FACTOR} times the
   * limit.
   */
  private static void drain(io.javalin.http.Context ctx, long maxRequestBytes) {
    try {
      java.io.InputStream in = ctx.req().getInputStream();
      if (in.read() == -1) {
        return; // the handler read it all, as it does for every well-formed request
      }
      long left = AdmissionEndpoint.DRAIN_FACTOR * maxRequestBytes;
      byte[] buffer = new byte[16 * 1024];
      int read;
      while (left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) != -1) {
        left -= read;
      }
    } catch (java.io.IOException | IllegalStateException e) {
      // Already read and closed, or the client went away: nothing left to drain.
    }
  }

  public int port() {
    return ((ServerConnector) javalin.jettyServer().server().getConnectors()[0]).getLocalPort();
  }

  /** From now on /readyz answers 503, so that the Service stops sending requests here. */
  public void markStopping() {
    stopping.set(true);
  }

  /**
   * Stops taking new connections, lets requests in flight finish (up to the shutdown grace), then
   * stops.
   */
  public synchronized void stop() {
    if (!stopped) {
      stopped = true;
      stopping.set(true);
      javalin.stop();
      tls.close();
      log.info("webhook stopped");
    }
  }

  @Override
  public void close() {
    stop();
  }
}
