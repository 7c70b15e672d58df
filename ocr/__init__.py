"""Pages in, text out: loading, preprocessing, Tesseract and the PDF text layer.

Entry points: ``ocr.pipeline.read_document(data, settings) -> ocr.result.Document`` and
``ocr.pipeline.read_document_with_pdf(data, settings) -> (Document, searchable PDF bytes)``.
Modules: ``settings`` (OcrSettings), ``loader`` (sniff, load_pages), ``textlayer``,
``preprocess``, ``tesseract`` (the only caller of the external tool), ``postcorrect``, ``hocr``,
``result`` (the typed tree), ``errors`` (typed InputError codes).

Nothing is imported here, so ``from ocr.result import ...`` stays light.
"""
