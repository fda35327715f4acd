using Library.BuildingBlocks.Persistence;
using Library.BuildingBlocks.Results;
using Library.Lending.Command.Domain;
using Library.Lending.Command.Infrastructure;
using Library.Lending.Contracts;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Library.Lending.Command.Categories.ChangeCategory;

/// <summary>
/// Creates or changes one category on its locked row (ADR 0029), so two admins' changes run one after the
/// other: the second sees the first's version and its stale If-Match is a 412, and each
/// <c>category.changed</c> carries the category its change committed. The preconditions are HTTP's
/// (RFC 9110 section 13): an existing category changes only with If-Match (428 without, 412 stale, 412 for
/// If-None-Match: *); an unknown code is created at version 1 without If-Match, and If-Match on it is a 412.
/// Two creates of one new code have no row to lock: the primary key lets one in, and the other is answered
/// 428 (the category exists, it sent no If-Match), as it would be had it come a moment later.
/// The same terms again change nothing and publish nothing.
/// </summary>
internal sealed class ChangeCategoryHandler(
    LendingDbContext db,
    CommandUnitOfWork<LendingDbContext> unitOfWork,
    TimeProvider clock) : ICommandHandler<ChangeCategoryCommand, Result<CategoryChangeResult>>
{
    public async ValueTask<Result<CategoryChangeResult>> Handle(ChangeCategoryCommand command, CancellationToken cancellationToken) =>
        await unitOfWork.ExecuteAsync<Result<CategoryChangeResult>>(async (outbox, ct) =>
        {
            var category = await db.LockCategoryAsync(command.Code, ct);
            var now = clock.GetUtcNow();
            bool created, changed;
            if (category is null)
            {
                if (command.ExpectedVersion is not null)
                {
                    return LendingErrors.CategoryNotFoundForIfMatch(command.Code);
                }

                category = ReaderCategory.Create(command.Code, command.ToTerms(), command.Actor, now);
                db.Categories.Add(category);
                created = changed = true;
            }
            else
            {
                if (command.CreateOnly)
                {
                    return LendingErrors.CategoryExists(category.Code, category.Version);
                }

                if (command.ExpectedVersion is not { } expected)
                {
                    return CommonErrors.IfMatchRequired();
                }

                if (expected != category.Version)
                {
                    return CommonErrors.VersionMismatch(expected, category.Version);
                }

                created = false;
                changed = category.Change(command.ToTerms(), command.Actor, now);
            }

            if (changed)
            {
                outbox.Add(LendingTopics.CategoryChanged, CategoryEvents.ChangedEvent(category, command.Actor, now));
            }

            var policy = await db.Policies.AsNoTracking().SingleAsync(ct);
            return new CategoryChangeResult(CategoryResponse.From(category, policy), created);
        }, cancellationToken);
}
