package io.nicsim.bench.cli;

import io.nicsim.bench.cluster.Attempt;
import io.nicsim.bench.cluster.ClusterCompare;
import io.nicsim.bench.cluster.DispatchListener;
import io.nicsim.bench.cluster.ItemResult;
import io.nicsim.bench.cluster.WorkItem;
import io.nicsim.bench.cluster.WorkerInfo;
import io.nicsim.bench.results.LiveFeed;
import io.nicsim.bench.results.SummaryWriter;
import io.nicsim.bench.run.LivePoints;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A cluster study's live feed ({@code --live} with {@code --cluster}): each point a worker finished becomes a
 * {@link io.nicsim.bench.results.LiveEvent.PointDone}, its figures from the summary.json that came back; every event
 * then goes on to the study's own listener (its progress). The seconds stay with the workers: each point is a
 * {@code nicsim run} there. Called on the coordinator's event loop: one small file read and one line written per point.
 * The coordinator joins the cluster with it before the feed is opened (a cluster that cannot be joined is bad input,
 * and a study refused writes nothing), and the feed is given once opened ({@link #writeTo}).
 */
final class LiveClusterPoints implements DispatchListener {

    private final DispatchListener next;
    private final Path studyDir;
    private final int count;
    private volatile LiveFeed feed = LiveFeed.NONE;

    /**
     * @param next     the study's listener
     * @param studyDir the study's folder (the points' folders are named relative to it)
     * @param count    points planned
     */
    LiveClusterPoints(DispatchListener next, Path studyDir, int count) {
        this.next = next;
        this.studyDir = studyDir;
        this.count = count;
    }

    /** @return this, writing each point that finishes from now on to {@code live} ({@link LiveFeed#NONE}: none) */
    LiveClusterPoints writeTo(LiveFeed live) {
        feed = live;
        return this;
    }

    @Override
    public void finished(ItemResult result) {
        LiveFeed feed = this.feed;
        if (feed.live() && ItemResult.DONE.equals(result.status())) {
            WorkItem item = result.item();
            try {
                feed.write(LivePoints.done(item.index() + 1, count, item.label(), folder(result),
                        SummaryWriter.read(result.folder().resolve(SummaryWriter.FILE_NAME))));
            } catch (IOException e) {
                feed.write(LivePoints.done(item.index() + 1, count, item.label(), folder(result), List.of()));
            }
        }
        next.finished(result);
    }

    /**
     * @return the point's folder relative to the study's: a comparison's run is staged, and ends up in the folder its
     *         item names
     */
    private String folder(ItemResult result) {
        Path relative = studyDir.toAbsolutePath().normalize().relativize(result.folder().toAbsolutePath().normalize());
        return relative.getNameCount() > 1 && relative.getName(0).toString().equals(ClusterCompare.STAGING)
                ? result.item().folder() : relative.toString().replace('\\', '/');
    }

    @Override
    public void workerJoined(WorkerInfo worker) {
        next.workerJoined(worker);
    }

    @Override
    public void workerLeft(WorkerInfo worker, String reason) {
        next.workerLeft(worker, reason);
    }

    @Override
    public void refused(String line) {
        next.refused(line);
    }

    @Override
    public void started(WorkItem item, Attempt attempt) {
        next.started(item, attempt);
    }

    @Override
    public void requeued(WorkItem item, Attempt attempt) {
        next.requeued(item, attempt);
    }

    @Override
    public void ignored(WorkItem item, Attempt attempt) {
        next.ignored(item, attempt);
    }
}
