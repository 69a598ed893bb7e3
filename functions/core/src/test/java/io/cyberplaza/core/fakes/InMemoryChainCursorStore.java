package io.cyberplaza.core.fakes;

import io.cyberplaza.core.escrow.ChainCursor;
import io.cyberplaza.core.escrow.ChainCursorStore;
import io.cyberplaza.core.escrow.ProcessedBlock;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;

public final class InMemoryChainCursorStore implements ChainCursorStore {
    private final ConcurrentMap<String, ChainCursor> cursors = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ConcurrentSkipListMap<Long, ProcessedBlock>> blocks = new ConcurrentHashMap<>();

    @Override
    public Optional<ChainCursor> load(String cursorId) {
        return Optional.ofNullable(cursors.get(cursorId));
    }

    @Override
    public void saveBlocks(String cursorId, List<ProcessedBlock> processed) {
        var map = blocks.computeIfAbsent(cursorId, id -> new ConcurrentSkipListMap<>());
        processed.forEach(block -> map.put(block.number(), block));
    }

    @Override
    public Optional<ProcessedBlock> block(String cursorId, long number) {
        return Optional.ofNullable(blocks.getOrDefault(cursorId, new ConcurrentSkipListMap<>()).get(number));
    }

    @Override
    public List<ProcessedBlock> blocksAbove(String cursorId, long number) {
        var map = blocks.getOrDefault(cursorId, new ConcurrentSkipListMap<>());
        return new ArrayList<>(map.tailMap(number, false).descendingMap().values());
    }

    @Override
    public void deleteBlock(String cursorId, long number) {
        Map<Long, ProcessedBlock> map = blocks.get(cursorId);
        if (map != null) map.remove(number);
    }

    @Override
    public synchronized boolean move(ChainCursor expected, ChainCursor next) {
        ChainCursor stored = cursors.get(expected.cursorId());
        long storedVersion = stored == null ? 0 : stored.version();
        if (storedVersion != expected.version()) return false;
        cursors.put(next.cursorId(), next);
        return true;
    }
}
