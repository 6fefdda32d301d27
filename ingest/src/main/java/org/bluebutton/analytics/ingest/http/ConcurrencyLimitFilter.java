package org.bluebutton.analytics.ingest.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bluebutton.analytics.contracts.Problem;
import org.bluebutton.analytics.contracts.ServiceEnvironments;
import org.bluebutton.analytics.ingest.config.IngestConfiguration;
import org.bluebutton.analytics.ingest.limits.ConcurrencyLimit;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Bounds the requests in flight ({@link ConcurrencyLimit}): first of all filters, so a refused request costs
 * neither a key check nor a body. Beyond the bound the answer is 503 + {@code Retry-After} at once; the slot
 * is given back when the response is ready, or the request failed or was cancelled — exactly once.
 */
@Requires(notEnv = ServiceEnvironments.QUERY) // a process that also runs the streams query service keeps the two apart
@Filter(Filter.MATCH_ALL_PATTERN)
public class ConcurrencyLimitFilter implements HttpServerFilter {

    private final ConcurrencyLimit limit;
    private final IngestConfiguration config;
    private final IngestMetrics metrics;

    public ConcurrencyLimitFilter(ConcurrencyLimit limit, IngestConfiguration config, IngestMetrics metrics) {
        this.limit = limit;
        this.config = config;
        this.metrics = metrics;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        if (!limit.tryAcquire()) {
            metrics.rejected("overloaded");
            return Publishers.just(HttpResponse.<Problem>status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body(new Problem(Problem.TYPE_PREFIX + "overloaded", "Too busy", 503, "This instance has " + limit.max()
                            + " requests in flight, its limit; retry shortly (another instance may answer at once)", List.of()))
                    .contentType(Problem.MEDIA_TYPE)
                    .header("Retry-After", Long.toString(Math.min(5, config.retryAfter().toSeconds()))));
        }
        return new Releasing(chain.proceed(request), limit);
    }

    /** Passes the response on and gives the slot back when it ends, whichever way. */
    private record Releasing(Publisher<MutableHttpResponse<?>> source, ConcurrencyLimit limit) implements Publisher<MutableHttpResponse<?>> {

        @Override
        public void subscribe(Subscriber<? super MutableHttpResponse<?>> downstream) {
            AtomicBoolean released = new AtomicBoolean();
            Runnable release = () -> {
                if (released.compareAndSet(false, true)) {
                    limit.release();
                }
            };
            source.subscribe(new Subscriber<MutableHttpResponse<?>>() {
                @Override
                public void onSubscribe(Subscription subscription) {
                    downstream.onSubscribe(new Subscription() {
                        @Override
                        public void request(long n) {
                            subscription.request(n);
                        }

                        @Override
                        public void cancel() {
                            release.run();
                            subscription.cancel();
                        }
                    });
                }

                @Override
                public void onNext(MutableHttpResponse<?> response) {
                    release.run();
                    downstream.onNext(response);
                }

                @Override
                public void onError(Throwable error) {
                    release.run();
                    downstream.onError(error);
                }

                @Override
                public void onComplete() {
                    release.run();
                    downstream.onComplete();
                }
            });
        }
    }
}
