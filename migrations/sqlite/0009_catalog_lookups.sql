-- Import rows may name their drama by its Hangul title: look it up by index,
-- not by walking every drama of the scope.
CREATE INDEX dramas_by_title_ko ON dramas(title_ko);
