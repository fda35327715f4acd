using Library.BuildingBlocks.Results;
using Mediator;

namespace Library.Lending.Command.Categories.GetCategories;

/// <summary>Read where they are owned, as the policy is: the command service answers with the terms it enforces.</summary>
internal sealed record GetCategoriesQuery : IQuery<Result<CategoriesResponse>>;
