package io.paas.builder.git;

import org.eclipse.jgit.lib.BatchRefUpdate;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceiveCommandErrorHandler;
import org.eclipse.jgit.transport.ReceivePack;

import java.io.IOException;
import java.util.List;

/**
 * A ReceivePack that updates the refs without JGit's "Updating references" progress. That
 * progress comes as a carriage-return update and then a final line with the same text: a push whose
 * output is not a terminal (CI, scripts) showed it twice after the build's last line, and git's own
 * server prints nothing there. Otherwise JGit's executeCommands as it is.
 */
class QuietReceivePack extends ReceivePack {
    private static final ReceiveCommandErrorHandler DEFAULT_ERRORS = new ReceiveCommandErrorHandler() { };

    QuietReceivePack(Repository db) {
        super(db);
    }

    @Override
    protected void executeCommands() {
        List<ReceiveCommand> toApply = filterCommands(ReceiveCommand.Result.NOT_ATTEMPTED);
        if (toApply.isEmpty()) {
            return;
        }
        BatchRefUpdate batch = getRepository().getRefDatabase().newBatchUpdate();
        batch.setAllowNonFastForwards(isAllowNonFastForwards());
        batch.setAtomic(isAtomic());
        batch.setRefLogIdent(getRefLogIdent());
        batch.setRefLogMessage("push", true);
        batch.addCommand(toApply);
        try {
            batch.setPushCertificate(getPushCertificate());
            batch.execute(getRevWalk(), NullProgressMonitor.INSTANCE);
        } catch (IOException e) {
            DEFAULT_ERRORS.handleBatchRefUpdateException(toApply, e);
        }
    }
}
