package io.cyberplaza.core.fakes;

import io.cyberplaza.core.queue.WorkQueue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what was sent so tests can assert which function would run next. */
public final class RecordingWorkQueue implements WorkQueue {
    public record Message(Topic topic, String orderId, String dedupKey) {
    }

    private final List<Message> sent = new CopyOnWriteArrayList<>();

    @Override
    public void send(Topic topic, String orderId, String dedupKey) {
        sent.add(new Message(topic, orderId, dedupKey));
    }

    public List<Message> sent() {
        return List.copyOf(sent);
    }

    public List<String> ordersSentTo(Topic topic) {
        return sent.stream().filter(m -> m.topic() == topic).map(Message::orderId).toList();
    }

    public void clear() {
        sent.clear();
    }
}
