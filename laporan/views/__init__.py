"""The screens of the documents: dashboard, editor, workflow, PK PDF, evaluator, public check."""
