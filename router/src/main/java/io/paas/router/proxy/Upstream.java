package io.paas.router.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.paas.router.routes.Endpoint;

/**
 * One keep-alive connection to an app endpoint, the last handler of its pipeline. It carries one
 * exchange at a time (no pipelining) and hands everything the app sends to the Forwarder; between
 * exchanges it idles in its event loop's UpstreamPool.
 */
final class Upstream extends ChannelInboundHandlerAdapter {
    static final String NAME = "app";

    final Endpoint endpoint;
    private final Forwarder forwarder;
    private final UpstreamPool pool;
    Channel channel;
    Exchange exchange;
    /** The client connection written to during the current read: flushed once the read is over. */
    private FrontDoor toFlush;
    long idleSinceNanos;

    Upstream(Endpoint endpoint, Forwarder forwarder, UpstreamPool pool) {
        this.endpoint = endpoint;
        this.forwarder = forwarder;
        this.pool = pool;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Exchange current = exchange;
        if (current == null) {
            // An idle app connection has nothing to say; whatever it said, it cannot be trusted with the next request.
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        toFlush = current.front;
        forwarder.fromApp(current, this, msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        flushClient();
    }

    private void flushClient() {
        FrontDoor front = toFlush;
        if (front != null) {
            toFlush = null;
            front.flush();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Exchange current = exchange;
        if (current != null) {
            // The app reads the body slower than the client sends it: hold the client until it caught up.
            current.front.readFromClient(ctx.channel().isWritable());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        // A read that ends with the connection, ours closing it or the app's, may come without a read-complete
        // (io_uring skips it): what that read wrote to the client must not wait for one.
        flushClient();
        Exchange current = exchange;
        if (current != null) {
            exchange = null;
            forwarder.appClosed(current, this);
        } else {
            pool.forget(this);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Resets and broken pipes: channelInactive follows and decides what the client sees.
        ctx.close();
    }
}
