package io.guestram.conformance.broken;

import io.guestram.Config;
import io.guestram.ErrorCode;
import io.guestram.GuestRamException;
import io.guestram.Region;
import java.util.Random;

/** Nondeterminism: each largest-free-region query answers "none" when {@code coin} says so. */
public final class CoinFlipLargest extends ForwardingGuestRam {

    private final Random coin;

    public CoinFlipLargest(Config config, Random coin) {
        super(config);
        this.coin = coin;
    }

    @Override
    public Region findLargestFreeRegion() {
        Region truth = delegate.findLargestFreeRegion();
        if (coin.nextBoolean()) {
            throw new GuestRamException(ErrorCode.NO_FREE_REGION, "the coin says none");
        }
        return truth;
    }
}
