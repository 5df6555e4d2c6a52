package io.gastown.status;

import io.javalin.Javalin;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Plain HTTP for the kubelet and Prometheus: {@code /healthz} (the process serves), {@code /readyz}
 * (a standby replica is ready; the leader once its informers have synced; so a rolling update never
 * waits on the Lease) and {@code /metrics}.
 */
final class HealthServer implements AutoCloseable {
  private final Javalin app;

  HealthServer(int port, BooleanSupplier ready, ReporterMetrics metrics) {
    app =
        Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              cfg.jetty.threadPool = threadPool();
              cfg.routes.get("/healthz", ctx -> ctx.result("ok"));
              cfg.routes.get(
                  "/readyz",
                  ctx -> {
                    boolean isReady = ready.getAsBoolean();
                    ctx.status(isReady ? 200 : 503)
                        .result(isReady ? "ready" : "informers not synced");
                  });
              cfg.routes.get(
                  "/metrics",
                  ctx ->
                      ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                          .result(metrics.scrape()));
            });
    app.start(port);
  }

  int port() {
    return app.port();
  }

  private static QueuedThreadPool threadPool() {
    QueuedThreadPool pool = new QueuedThreadPool(8, 2);
    pool.setName("http");
    pool.setDaemon(true);
    return pool;
  }

  @Override
  public void close() {
    app.stop();
  }
}
