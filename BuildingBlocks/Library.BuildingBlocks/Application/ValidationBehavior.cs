using FluentValidation;
using Library.BuildingBlocks.Results;
using Library.BuildingBlocks.Validation;
using Mediator;

namespace Library.BuildingBlocks.Application;

/// <summary>
/// Applies the text rule to every string of a message and runs every FluentValidation validator of it
/// before its handler, and turns failures into a 400 result with the failing fields, so handlers only
/// ever see well-formed input. The text rule runs here rather than in each validator so that no field
/// (and no message without a validator) can be left out: a U+0000 in any of 34 fields reached
/// PostgreSQL and answered 500.
/// </summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
    where TResponse : IResult<TResponse>
{
    public async ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        Dictionary<string, List<string>>? failures = null;
        foreach (var (field, problem) in MessageText.Problems(message))
        {
            failures ??= new Dictionary<string, List<string>>(StringComparer.Ordinal);
            Add(failures, field, problem);
        }

        foreach (var validator in validators)
        {
            var outcome = await validator.ValidateAsync(message, cancellationToken);
            foreach (var failure in outcome.Errors)
            {
                failures ??= new Dictionary<string, List<string>>(StringComparer.Ordinal);
                Add(failures, JsonFieldName(failure.PropertyName), failure.ErrorMessage);
            }
        }

        if (failures is null)
        {
            return await next(message, cancellationToken);
        }

        var fields = failures.ToDictionary(f => f.Key, f => f.Value.ToArray(), StringComparer.Ordinal);
        return TResponse.Failure(Error.Validation(
            CommonErrors.ValidationFailedCode,
            "One or more fields are invalid.",
            fields));
    }

    private static void Add(Dictionary<string, List<string>> failures, string field, string message)
    {
        if (!failures.TryGetValue(field, out var messages))
        {
            failures[field] = messages = [];
        }

        if (!messages.Contains(message))
        {
            messages.Add(message);
        }
    }

    /// <summary>Validators name C# properties ("Consents.Gdpr", "Interests[2]"); clients see JSON names.</summary>
    internal static string JsonFieldName(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
}
